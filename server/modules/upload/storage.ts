// Where uploaded bytes live: `<dataDir>/files/<account id>/<token>`. Both
// parts come from the server (an account id and a random token), never from
// the client, so no request can name a path of its own.

import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** 144 random bits, URL- and file-name-safe ([A-Za-z0-9_-]). */
export function newToken(): string {
  return randomBytes(18).toString('base64url');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{24}$/;

export class FileStorage {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'files');
  }

  /** Storage path relative to the root, as kept in `files.storage_path`. */
  relativePath(accountId: number, token: string): string {
    return `${accountId}/${token}`;
  }

  absolute(relative: string): string {
    return join(this.root, relative);
  }

  /** Where a PUT writes before the file is complete; renamed into place at the end. */
  partial(relative: string): string {
    return `${this.absolute(relative)}.part`;
  }

  async ensureFolder(accountId: number): Promise<void> {
    await mkdir(join(this.root, String(accountId)), { recursive: true, mode: 0o750 });
  }

  async remove(relative: string): Promise<void> {
    await rm(this.absolute(relative), { force: true });
    await rm(this.partial(relative), { force: true });
  }

  /** Removes everything an account uploaded. */
  async removeAccount(accountId: number): Promise<void> {
    await rm(join(this.root, String(accountId)), { recursive: true, force: true });
  }

  /** Account ids that have a folder. */
  async accountFolders(): Promise<number[]> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    return names.filter((name) => /^\d+$/.test(name)).map(Number);
  }
}
