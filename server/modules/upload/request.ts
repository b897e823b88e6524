// Parsing and checking a XEP-0363 slot request (§4): the file name is
// reduced to a safe display name, the size must be a positive integer and
// the content type, when given, a plain `type/subtype`.
// https://xmpp.org/extensions/xep-0363.html#request

import { AppError } from '../../core/errors.js';
import type { Element } from '../../xmpp/stanza.js';

export interface SlotRequest {
  filename: string;
  size: number;
  contentType: string | null;
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The last path segment, without control characters, at most 200 characters; `file` when nothing is left. */
export function safeFilename(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const short = [...clean].slice(0, 200).join('');
  return short === '' || short === '.' || short === '..' ? 'file' : short;
}

/** The media type without parameters, lower-cased; null when absent. */
export function mediaType(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const type = raw.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' ? null : type;
}

export function parseSlotRequest(request: Element): SlotRequest {
  const { filename, size, 'content-type': contentType } = request.attrs as Record<string, string | undefined>;
  if (filename === undefined || filename.trim() === '') throw new AppError('bad-request', 'The request needs a filename');
  if (size === undefined || !/^\d{1,16}$/.test(size) || Number(size) <= 0) throw new AppError('bad-request', 'The request needs the file size in bytes (a positive integer)');
  const type = mediaType(contentType);
  if (type !== null && !MEDIA_TYPE.test(type)) throw new AppError('bad-request', `"${contentType ?? ''}" is not a media type like image/jpeg`);
  return { filename: safeFilename(filename), size: Number(size), contentType: type };
}
