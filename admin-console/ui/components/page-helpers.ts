// Small rendering helpers the pages share (not components themselves).

import { html } from 'lit';
import { ApiError } from '../api/problem.js';

/** The sentence to show for a failure: the API's `detail`, or the error's message. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  return error instanceof Error ? error.message : String(error);
}

/** An error banner on top of a page or form, announced to screen readers. */
export function errorBanner(message: string) {
  return html`<p class="banner error" role="alert" ?hidden=${!message}>${message}</p>`;
}

/** A success note, announced politely. */
export function okBanner(message: string) {
  return html`<p class="banner ok" role="status" ?hidden=${!message}>${message}</p>`;
}

/** Reads a text field of a form, trimmed; '' when missing. */
export function field(form: HTMLFormElement, name: string): string {
  const element = form.elements.namedItem(name);
  return element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement ? element.value.trim() : '';
}

/** '' → null, for optional text the API takes as nullable. */
export function orNull(value: string): string | null {
  return value === '' ? null : value;
}
