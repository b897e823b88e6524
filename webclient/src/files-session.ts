// The session's file side (split out of session.ts, same role: the only
// writer of the uploads in the store): XEP-0363 uploads with progress, and
// deleting one's own uploaded files (urn:causerie:files:0).

import type { Connection } from './xmpp/connection.js';
import { deleteUploadedFile, isServerFileUrl, putFile, requestSlot } from './xmpp/upload.js';
import type { ServerConfig, Store } from './store.js';

export class FilesSession {
  constructor(
    private store: Store,
    private conn: Connection,
    private config: () => Promise<ServerConfig>,
    /** Shares an uploaded file's URL in a room or direct conversation. */
    private share: (room: string, url: string) => void,
    private sentence: (error: unknown) => string,
  ) {}

  /** Uploads a file (XEP-0363) with progress, then shares its URL in the room. */
  async upload(room: string, file: File): Promise<void> {
    const id = crypto.randomUUID();
    const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined;
    this.store.set({ uploads: [...this.store.state.uploads, { id, room, name: file.name, progress: 0, preview }] });
    try {
      const config = await this.config();
      const slot = await requestSlot(this.conn, config.uploadDomain ?? `upload.${config.domain}`, { name: file.name, size: file.size, type: file.type });
      let shown = 0;
      await putFile(slot, file, (fraction) => {
        // Re-render at most every 2 %.
        if (fraction - shown >= 0.02 || fraction === 1) {
          shown = fraction;
          this.store.upload(id, { progress: fraction });
        }
      });
      this.share(room, slot.get);
      this.store.upload(id, undefined);
      if (preview) URL.revokeObjectURL(preview);
    } catch (error) {
      this.store.upload(id, { error: this.sentence(error) });
    }
  }

  dismissUpload(id: string): void {
    const u = this.store.state.uploads.find((up) => up.id === id);
    if (u?.preview) URL.revokeObjectURL(u.preview);
    this.store.upload(id, undefined);
  }

  /** Whether a shared URL is a file uploaded to this server (which its uploader may delete). */
  isServerFile(url: string): boolean {
    const hosts = [location.host];
    if (this.store.state.config) hosts.push(new URL(this.store.state.config.websocketUrl).host);
    return isServerFileUrl(url, hosts);
  }

  /** Deletes one of my uploaded files (urn:causerie:files:0), e.g. after retracting the message that shared it. */
  async deleteFile(room: string, url: string): Promise<void> {
    try {
      const config = await this.config();
      await deleteUploadedFile(this.conn, config.uploadDomain ?? `upload.${config.domain}`, url);
    } catch (error) {
      this.store.room(room, () => ({ error: this.sentence(error) }));
    }
  }
}
