// Storage form of a vCard-temp element (XEP-0054) and its size limit. The
// limit keeps one account from filling the database with a 200 KB photo on
// every set; XEP-0153 avatars are expected to be small (§3.1: ≤ 8 KB is
// typical), and XEP-0084 avatars (PEP) are the way for larger images.

import { parse } from 'ltx';
import { AppError } from '../../core/errors.js';
import { NS_VCARD } from '../../xmpp/namespaces.js';
import { cloneElement } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';

/** Largest serialised vCard accepted (bytes of UTF-8). */
export const VCARD_MAX_BYTES = 64 * 1024;

/** Serialises the client's <vCard/> for storage; throws not-acceptable when it is too large. */
export function serialiseVcard(vcard: Element): string {
  const copy = cloneElement(vcard);
  copy.attrs = { xmlns: NS_VCARD };
  const xml = copy.toString();
  if (Buffer.byteLength(xml, 'utf8') > VCARD_MAX_BYTES) {
    throw new AppError('not-acceptable', `A vCard may be at most ${VCARD_MAX_BYTES / 1024} KiB`, { details: { limit: VCARD_MAX_BYTES } });
  }
  return xml;
}

/** The stored vCard as an element, or undefined when the stored text is not usable. */
export function parseStoredVcard(xml: string): Element | undefined {
  try {
    const element = parse(xml);
    return element.name === 'vCard' && element.attrs.xmlns === NS_VCARD ? element : undefined;
  } catch {
    return undefined;
  }
}
