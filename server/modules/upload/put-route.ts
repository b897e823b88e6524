// PUT <publicUrl>/upload/<token>/<name>: the one upload a slot allows. The
// body is streamed to a temporary file and must be exactly the announced
// size and content type; only then is it moved into place and the slot
// marked complete. https://xmpp.org/extensions/xep-0363.html#upload

import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { AppError } from '../../core/errors.js';
import { mediaType } from './request.js';
import { uploadDenial } from './slot.js';
import { TOKEN_PATTERN } from './storage.js';
import { isExpired } from './state.js';
import type { UploadState } from './state.js';

/** Passes bytes through and fails as soon as more than `size` arrive. */
class SizeGuard extends Transform {
  received = 0;
  constructor(private readonly size: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.size) return callback(new AppError('bad-request', `The body is larger than the ${this.size} bytes announced in the slot request`));
    callback(null, chunk);
  }
}

export function putFile(state: UploadState) {
  const { repos } = state.ctx.services;
  return async (req: Request, res: Response): Promise<void> => {
    const token = String(req.params.token);
    const file = TOKEN_PATTERN.test(token) ? await repos.files.getByToken(token) : undefined;
    if (!file) throw new AppError('item-not-found', 'No upload slot at this address');
    if (file.status === 'complete') throw new AppError('conflict', 'This upload slot was already used; request a new slot');
    if (isExpired(file.createdAt)) throw new AppError('gone', 'This upload slot has expired; request a new slot');
    if (state.writing.has(token)) throw new AppError('conflict', 'An upload to this slot is already in progress');
    const denial = await uploadDenial(state, await state.ctx.services.accounts.get(file.ownerAccountId));
    if (denial) throw new AppError('forbidden', denial);
    const type = mediaType(req.headers['content-type']);
    if (file.contentType !== null && type !== file.contentType) {
      throw new AppError('bad-request', `Content-Type must be ${file.contentType}, as announced in the slot request (got ${type ?? 'none'})`);
    }
    const length = req.headers['content-length'];
    if (length !== undefined && Number(length) !== file.size) {
      throw new AppError('bad-request', `Content-Length must be ${file.size}, as announced in the slot request (got ${length})`);
    }
    state.writing.add(token);
    const partial = state.storage.partial(file.storagePath);
    try {
      const guard = new SizeGuard(file.size);
      await pipeline(req, guard, createWriteStream(partial, { mode: 0o640 }));
      if (guard.received !== file.size) throw new AppError('bad-request', `The body has ${guard.received} bytes; the slot request announced ${file.size}`);
      await rename(partial, state.storage.absolute(file.storagePath));
      if (!(await repos.files.complete(file.id, new Date()))) throw new AppError('conflict', 'This upload slot was already used; request a new slot');
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    } finally {
      state.writing.delete(token);
    }
    res.status(201).set('Access-Control-Allow-Origin', '*').end();
  };
}

/** CORS preflight: browser clients upload from the web client's origin. */
export function putPreflight(_req: Request, res: Response): void {
  res
    .status(204)
    .set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '86400' })
    .end();
}
