// Presence priority (RFC 6121 §4.7.2.3): an integer from -128 to +127,
// 0 when absent. A malformed value makes the presence a bad request.
// https://www.rfc-editor.org/rfc/rfc6121#section-4.7.2.3

import { AppError } from '../../core/errors.js';
import type { Element } from '../../xmpp/stanza.js';

/** Reads the priority of a presence; throws AppError('bad-request') when it is not valid. */
export function presencePriority(presence: Element): number {
  const elements = presence.getChildElements().filter((child) => child.name === 'priority');
  if (elements.length === 0) return 0;
  if (elements.length > 1) throw new AppError('bad-request', 'A presence carries at most one <priority/>');
  const text = (elements[0]?.getText() ?? '').trim();
  if (!/^[+-]?\d{1,4}$/.test(text)) throw new AppError('bad-request', 'The presence priority must be an integer from -128 to 127');
  const value = Number.parseInt(text, 10);
  if (value < -128 || value > 127) throw new AppError('bad-request', 'The presence priority must be an integer from -128 to 127');
  return value;
}
