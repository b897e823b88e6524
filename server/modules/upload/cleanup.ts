// Removing what nobody can use any more: slots that expired before their
// PUT (row and partial file), and every file of a deleted account. The
// rows of a deleted account go with it (ON DELETE CASCADE); its folder is
// removed here when the deletion event arrives, and at start-up for
// deletions made while this node was down.

import { SLOT_TTL_MS } from './state.js';
import type { UploadState } from './state.js';

/** Deletes expired pending slots; returns how many. */
export async function sweepExpiredSlots(state: UploadState, now = Date.now()): Promise<number> {
  const { files } = state.ctx.services.repos;
  let removed = 0;
  for (;;) {
    const batch = await files.expiredPending(new Date(now - SLOT_TTL_MS), 100);
    for (const file of batch) {
      if (state.writing.has(file.token)) continue;
      await files.delete(file.id);
      await state.storage.remove(file.storagePath);
      removed += 1;
    }
    if (batch.length < 100) return removed;
  }
}

/** Removes the folders of accounts that no longer exist. */
export async function sweepDeletedAccounts(state: UploadState): Promise<void> {
  for (const accountId of await state.storage.accountFolders()) {
    if (!(await state.ctx.services.accounts.get(accountId))) await state.storage.removeAccount(accountId);
  }
}
