// What the upload module's parts share.

import { KeyedLock } from '../../core/keyed-lock.js';
import type { ModuleContext } from '../../core/module.js';
import { FileStorage } from './storage.js';

export const NS_UPLOAD = 'urn:xmpp:http:upload:0';

/** A slot must be used within this time; until then it reserves its size in the quota. */
export const SLOT_TTL_MS = 5 * 60 * 1000;

/** URL paths on the HTTPS listener: PUT to the first, GET from the second. */
export const PUT_PREFIX = '/upload';
export const GET_PREFIX = '/files';

export interface UploadState {
  ctx: ModuleContext;
  storage: FileStorage;
  /** One quota check-and-reserve at a time per account. */
  quotaLocks: KeyedLock<number>;
  /** Tokens with a PUT in progress on this node (a second concurrent PUT is refused). */
  writing: Set<string>;
}

export function createUploadState(ctx: ModuleContext): UploadState {
  return { ctx, storage: new FileStorage(ctx.config.dataDir), quotaLocks: new KeyedLock<number>(), writing: new Set() };
}

export function isExpired(createdAt: Date, now = Date.now()): boolean {
  return now - createdAt.getTime() > SLOT_TTL_MS;
}
