// Removing what nobody can use any more: slots that expired before their
// PUT (row and partial file), and every file of a deleted account. The
// rows of a deleted account go with it (ON DELETE CASCADE); its folder is
// removed when the deletion event arrives, and at start-up (and on domain
// changes) for accounts deleted without this node hearing of it.

import type { FilesRepo } from '../../store/files-repo.js';
import type { FileStorage } from './storage.js';
import { SLOT_TTL_MS } from './state.js';

export interface SweepDeps {
  files: FilesRepo;
  storage: FileStorage;
  /** Tokens with a PUT in progress: left alone. */
  writing: ReadonlySet<string>;
}

/** Deletes expired pending slots; returns how many. */
export async function sweepExpiredSlots(deps: SweepDeps, now = Date.now()): Promise<number> {
  let removed = 0;
  for (;;) {
    const batch = (await deps.files.expiredPending(new Date(now - SLOT_TTL_MS), 100)).filter((file) => !deps.writing.has(file.token));
    for (const file of batch) {
      await deps.files.delete(file.id);
      await deps.storage.remove(file.storagePath);
      removed += 1;
    }
    if (batch.length < 100) return removed;
  }
}

/** Removes the folders of accounts that no longer exist. */
export async function sweepDeletedAccounts(storage: FileStorage, accountExists: (id: number) => Promise<boolean>): Promise<number> {
  let removed = 0;
  for (const accountId of await storage.accountFolders()) {
    if (await accountExists(accountId)) continue;
    await storage.removeAccount(accountId);
    removed += 1;
  }
  return removed;
}
