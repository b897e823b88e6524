// Renders AppError as an XMPP stanza error (RFC 6120 §8.3) — the one place
// that does; and enforces "never answer an error with an error".

import { AppError, CONDITIONS } from '../core/errors.js';
import type { ErrorCondition } from '../core/errors.js';
import { NS_STANZAS } from './namespaces.js';
import { cloneElement, el } from './stanza.js';
import type { Element } from './stanza.js';

/** Namespace for application-specific error children of this project. */
export const NS_CAUSERIE_ERRORS = 'urn:causerie:errors:0';

export function errorElement(error: AppError, lang = 'en'): Element {
  const element = el('error', { type: error.type }, el(error.condition, { xmlns: NS_STANZAS }));
  if (error.text) element.cnode(el('text', { xmlns: NS_STANZAS, 'xml:lang': lang }, error.text));
  if (error.appCondition) element.cnode(el(error.appCondition, { xmlns: NS_CAUSERIE_ERRORS }));
  return element;
}

/** True when a stanza must never be answered with an error (RFC 6120 §8.3.1). */
export function isUnanswerable(stanza: Element): boolean {
  const type = stanza.attrs.type;
  return type === 'error' || (stanza.name === 'iq' && type === 'result');
}

/**
 * Builds the error reply to `stanza`: same name and id, addresses swapped,
 * original payload kept for iq get/set as RFC 6120 allows. Returns undefined
 * when the stanza must not be answered.
 */
export function errorReply(stanza: Element, error: AppError | ErrorCondition, text?: string): Element | undefined {
  if (isUnanswerable(stanza)) return undefined;
  const appError = typeof error === 'string' ? new AppError(error, text) : error;
  const reply = el(stanza.name, { type: 'error', id: stanza.attrs.id, to: stanza.attrs.from, from: stanza.attrs.to });
  if (stanza.name === 'iq' || stanza.name === 'message') {
    // Return the first payload so clients can correlate; bodies are not echoed back.
    const payload = stanza.getChildElements().find((child) => child.name !== 'body');
    if (stanza.name === 'iq' && payload) reply.cnode(cloneElement(payload));
  }
  reply.cnode(errorElement(appError));
  return reply;
}

export function conditionOf(errorStanza: Element): ErrorCondition | undefined {
  const error = errorStanza.getChild('error');
  if (!error) return undefined;
  const child = error.getChildElements().find((c) => c.attrs.xmlns === NS_STANZAS && Object.hasOwn(CONDITIONS, c.name));
  return child ? (child.name as ErrorCondition) : undefined;
}
