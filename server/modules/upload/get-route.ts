// GET <publicUrl>/files/<token>/<name>: serves a complete upload with its
// stored content type. Served files are untrusted content: nosniff, a
// sandboxing CSP, and inline display only for raster images.
// Range requests and conditional GETs come from res.sendFile.

import type { Request, Response } from 'express';
import { AppError } from '../../core/errors.js';
import { sendProblem } from '../../http/problem.js';
import { TOKEN_PATTERN } from './storage.js';
import type { UploadState } from './state.js';

const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 8187). */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function getFile(state: UploadState) {
  return async (req: Request, res: Response): Promise<void> => {
    const token = String(req.params.token);
    const file = TOKEN_PATTERN.test(token) ? await state.ctx.services.repos.files.getByToken(token) : undefined;
    if (!file || file.status !== 'complete') throw new AppError('item-not-found', 'No file at this address');
    const type = file.contentType ?? 'application/octet-stream';
    // setHeader, not res.set: Express would add a charset the file may not have.
    res.setHeader('Content-Type', type);
    res.set({
      'Content-Disposition': contentDisposition(INLINE_TYPES.has(type) ? 'inline' : 'attachment', file.filename),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
      // The URL names one immutable file; it can be deleted, so shared caches are not used.
      'Cache-Control': 'private, max-age=604800, immutable',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
    });
    await new Promise<void>((resolve) => {
      res.sendFile(state.storage.absolute(file.storagePath), { dotfiles: 'allow', cacheControl: false, lastModified: true, etag: true, acceptRanges: true }, (error?: Error) => {
        if (error && !res.headersSent) sendProblem(res, new AppError('item-not-found', 'The file is no longer stored'));
        resolve();
      });
    });
  };
}
