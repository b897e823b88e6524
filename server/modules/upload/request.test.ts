import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { el } from '../../xmpp/stanza.js';
import { contentDisposition } from './get-route.js';
import { mediaType, parseSlotRequest, safeFilename } from './request.js';

const request = (attrs: Record<string, string>) => el('request', { xmlns: 'urn:xmpp:http:upload:0', ...attrs });

function conditionOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.condition : 'other';
  }
  return undefined;
}

describe('slot requests', () => {
  it('keeps only a safe last path segment of the file name', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\zoé\\photo été.jpg')).toBe('photo été.jpg');
    expect(safeFilename('a\u0000b\u001f\u007fc.txt')).toBe('abc.txt');
    expect(safeFilename('..')).toBe('file');
    expect(safeFilename('dir/')).toBe('file');
    expect([...safeFilename('é'.repeat(500))]).toHaveLength(200);
  });

  it('reads the media type without parameters, lower-cased', () => {
    expect(mediaType('Text/Plain; charset=UTF-8')).toBe('text/plain');
    expect(mediaType(undefined)).toBeNull();
    expect(mediaType(' ')).toBeNull();
  });

  it('parses a valid request and refuses bad sizes and types', () => {
    expect(parseSlotRequest(request({ filename: 'a/b.png', size: '12', 'content-type': 'IMAGE/PNG' }))).toEqual({ filename: 'b.png', size: 12, contentType: 'image/png' });
    expect(parseSlotRequest(request({ filename: 'b', size: '1' })).contentType).toBeNull();
    expect(conditionOf(() => parseSlotRequest(request({ size: '1' })))).toBe('bad-request');
    for (const size of ['0', '-1', '1.5', '1e3', '99999999999999999', 'abc']) expect(conditionOf(() => parseSlotRequest(request({ filename: 'x', size })))).toBe('bad-request');
    for (const type of ['text', 'text/', '/plain', 'text/html<script>', 'a b/c']) expect(conditionOf(() => parseSlotRequest(request({ filename: 'x', size: '1', 'content-type': type })))).toBe('bad-request');
  });

  it('writes Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('inline', 'photo.png')).toBe(`inline; filename="photo.png"; filename*=UTF-8''photo.png`);
    expect(contentDisposition('attachment', `l'été "2026".txt`)).toBe(`attachment; filename="l'_t_ _2026_.txt"; filename*=UTF-8''l%27%C3%A9t%C3%A9%20%222026%22.txt`);
  });
});
