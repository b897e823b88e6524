// Errors the server returns, kept as data (condition + text) so the UI can
// turn them into sentences (i18n/errors.ts).

import type { XmlElement } from './xml.js';

const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

export class StanzaError extends Error {
  constructor(
    public condition: string,
    public serverText?: string,
    public errorType?: string,
  ) {
    super(serverText ? `${condition}: ${serverText}` : condition);
  }

  static from(stanza: XmlElement): StanzaError {
    const error = stanza.child('error');
    const condition = error?.elements().find((c) => c.ns() === STANZAS && c.name !== 'text')?.name ?? 'undefined-condition';
    return new StanzaError(condition, error?.childText('text', STANZAS), error?.attrs.type);
  }
}

/** Raised by login: the SASL failure condition (not-authorized…) or a transport problem. */
export class LoginError extends Error {
  constructor(public condition: string) {
    super(condition);
  }
}
