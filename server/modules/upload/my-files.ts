// The project's own `urn:causerie:files:0` on the upload service: an account
// lists the files it uploaded (with its quota) and deletes one by its URL,
// e.g. when it retracts the message that shared it. Allowed even with
// WebDAV off, so that space can always be freed.

import { AppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import type { Account } from '../../store/types.js';
import { el, iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { fileUrl, quotaOf } from './slot.js';
import { TOKEN_PATTERN } from './storage.js';
import { GET_PREFIX, SLOT_TTL_MS } from './state.js';
import type { UploadState } from './state.js';

export const NS_FILES = 'urn:causerie:files:0';

/** The token of a GET or PUT URL of this service, or undefined. */
export function tokenOf(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const parts = path.split('/');
  for (let i = parts.length - 2; i >= 0; i -= 1) {
    const token = parts[i + 1] ?? '';
    if ((parts[i] === 'files' || parts[i] === 'upload') && TOKEN_PATTERN.test(token)) return token;
  }
  return undefined;
}

async function listFiles(state: UploadState, account: Account): Promise<Element> {
  const { files } = state.ctx.services.repos;
  const used = await files.usedBytes(account.id, new Date(Date.now() - SLOT_TTL_MS));
  const complete = (await files.listByOwner(account.id)).filter((f) => f.status === 'complete');
  return el(
    'files',
    { xmlns: NS_FILES, used: String(used), quota: String(quotaOf(state, account)) },
    ...complete.map((f) => el('file', { url: fileUrl(state, GET_PREFIX, f.token, f.filename), name: f.filename, size: String(f.size), type: f.contentType ?? undefined, created: f.createdAt.toISOString() })),
  );
}

async function deleteFile(state: UploadState, account: Account, url: string): Promise<void> {
  const token = tokenOf(url);
  const file = token ? await state.ctx.services.repos.files.getByToken(token) : undefined;
  // Someone else's file answers like a missing one: URLs are the only secret.
  if (!file || file.ownerAccountId !== account.id) throw new AppError('item-not-found', 'You have no file at this address');
  if (state.writing.has(file.token)) throw new AppError('conflict', 'This file is being uploaded; try again when it is done');
  await state.ctx.services.repos.files.delete(file.id);
  await state.storage.remove(file.storagePath);
}

/** Answers list (get) and delete (set); returns false for other payloads. */
export async function handleMyFiles(state: UploadState, event: StanzaEvent, payload: Element): Promise<boolean> {
  const { stanza, origin } = event;
  if (payload.attrs.xmlns !== NS_FILES || !origin?.account) return false;
  const account = await state.ctx.services.accounts.get(origin.account.id);
  if (!account) throw new AppError('forbidden', 'Your account no longer exists');
  if (stanza.attrs.type === 'get' && payload.name === 'list') {
    origin.send(iqResult(stanza, await listFiles(state, account)));
    return true;
  }
  if (stanza.attrs.type === 'set' && payload.name === 'delete') {
    const url = payload.attrs.url as string | undefined;
    if (!url) throw new AppError('bad-request', 'Say which file to delete with its url attribute');
    await deleteFile(state, account, url);
    origin.send(iqResult(stanza));
    return true;
  }
  return false;
}
