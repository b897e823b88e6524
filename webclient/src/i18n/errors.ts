// Turns what the server said (a stanza error condition, a SASL failure) into
// a sentence a person understands, keeping the server's own text when it
// explains more (policies give reasons). Sign-in failures have sentences of
// their own: `not-authorized` means a wrong password only at sign-in; after
// it, it means an action the person may not do.

import { translate, isMessageKey } from './index.js';
import type { Lang } from './index.js';

export interface ErrorLike {
  condition?: string;
  serverText?: string;
}

export function errorSentence(lang: Lang, error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const key = `error.${e.condition ?? 'undefined-condition'}`;
  const sentence = translate(lang, isMessageKey(key) ? key : 'error.undefined-condition');
  return e.serverText ? translate(lang, 'error.withText', { sentence, text: e.serverText }) : sentence;
}

/** A sign-in failure (SASL condition or transport problem) as a sentence: `login.<condition>` when there is one. */
export function loginErrorSentence(lang: Lang, error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const key = `login.${e.condition ?? ''}`;
  return isMessageKey(key) ? translate(lang, key) : errorSentence(lang, error);
}
