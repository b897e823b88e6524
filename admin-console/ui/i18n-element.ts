// Base class of every component: re-renders when the locale changes.

import { LitElement } from 'lit';
import { subscribe } from './i18n/index.js';

export class I18nElement extends LitElement {
  private unsubscribeLocale: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribeLocale = subscribe(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    this.unsubscribeLocale?.();
    this.unsubscribeLocale = undefined;
    super.disconnectedCallback();
  }
}
