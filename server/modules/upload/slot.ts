// Answers a XEP-0363 slot request: WebDAV policy, maximum size, quota (with
// the pending slots of the last minutes reserving their size), then a new
// single-use slot with its PUT and GET URLs.
// https://xmpp.org/extensions/xep-0363.html#request

import { AppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import type { Account } from '../../store/types.js';
import { errorReply } from '../../xmpp/stanza-errors.js';
import { el, iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { parseSlotRequest } from './request.js';
import { newToken } from './storage.js';
import { GET_PREFIX, NS_UPLOAD, PUT_PREFIX, SLOT_TTL_MS } from './state.js';
import type { UploadState } from './state.js';

/** An AppError that carries a XEP-0363 error child (`file-too-large`). */
class UploadError extends AppError {
  readonly extra: Element;
  constructor(condition: 'not-acceptable' | 'resource-constraint', text: string, extra: Element) {
    super(condition, text);
    this.extra = extra;
  }
}

function fileTooLarge(maxSize: number): Element {
  return el('file-too-large', { xmlns: NS_UPLOAD }, el('max-size', null, String(maxSize)));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} bytes`;
}

export function quotaOf(state: UploadState, account: Account): number {
  return account.quotaBytes ?? state.ctx.config.limits.defaultQuotaBytes;
}

/** Why `account` may not upload now, or undefined. */
export async function uploadDenial(state: UploadState, account: Account | undefined): Promise<string | undefined> {
  if (!account || account.disabled) return 'Your account is disabled.';
  const policy = await state.ctx.services.policies.effectiveFor(account);
  if (!policy.webdav) return 'File sharing (WebDAV) is turned off for your account. Ask your administrator to turn it on.';
  return undefined;
}

export function fileUrl(state: UploadState, prefix: string, token: string, filename: string): string {
  return `${state.ctx.config.publicUrl}${prefix}/${token}/${encodeURIComponent(filename)}`;
}

export async function handleSlotRequest(state: UploadState, event: StanzaEvent, request: Element): Promise<void> {
  const { ctx } = state;
  const { stanza, origin } = event;
  if (!origin?.account) return;
  const account = await ctx.services.accounts.get(origin.account.id);
  const denial = await uploadDenial(state, account);
  if (denial || !account) throw new AppError('not-allowed', denial);
  const slot = parseSlotRequest(request);
  const max = ctx.config.limits.maxUploadBytes;
  try {
    if (slot.size > max) {
      throw new UploadError('not-acceptable', `This file is too large (${formatBytes(slot.size)}): the largest file you can share is ${formatBytes(max)}.`, fileTooLarge(max));
    }
    const token = newToken();
    await state.quotaLocks.run(account.id, async () => {
      const now = new Date();
      const quota = quotaOf(state, account);
      const used = await ctx.services.repos.files.usedBytes(account.id, new Date(now.getTime() - SLOT_TTL_MS));
      const left = Math.max(0, quota - used);
      if (slot.size > left) {
        throw new UploadError('resource-constraint', `Your storage quota of ${formatBytes(quota)} is nearly full: ${formatBytes(left)} left, this file needs ${formatBytes(slot.size)}. Delete older files or ask your administrator for more space.`, fileTooLarge(left));
      }
      await state.storage.ensureFolder(account.id);
      await ctx.services.repos.files.insert({ ownerAccountId: account.id, token, filename: slot.filename, contentType: slot.contentType, size: slot.size, storagePath: state.storage.relativePath(account.id, token), createdAt: now });
    });
    origin.send(
      iqResult(
        stanza,
        el('slot', { xmlns: NS_UPLOAD }, el('put', { url: fileUrl(state, PUT_PREFIX, token, slot.filename) }), el('get', { url: fileUrl(state, GET_PREFIX, token, slot.filename) })),
      ),
    );
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    const reply = errorReply(stanza, error);
    if (!reply) return;
    reply.getChild('error')?.cnode(error.extra);
    if (origin.jid) reply.attrs.to = origin.jid.full;
    origin.send(reply);
  }
}
