// XEP-0363 HTTP File Upload: ask the upload service for a slot, PUT the file
// with progress (XMLHttpRequest: fetch reports no upload progress), then the
// caller shares the GET URL (with XEP-0066 out-of-band data).
// https://xmpp.org/extensions/xep-0363.html

import { x } from './xml.js';
import type { Connection } from './connection.js';
import { StanzaError } from './stanza-error.js';

export const NS_UPLOAD = 'urn:xmpp:http:upload:0';
export const NS_OOB = 'jabber:x:oob';
/** Causerie's own files namespace on the upload service (docs/XMPP.md "Own files"). */
export const NS_FILES = 'urn:causerie:files:0';
const ALLOWED_HEADERS = new Set(['authorization', 'cookie', 'expires']);

export interface Slot {
  put: string;
  get: string;
  headers: Record<string, string>;
}

export async function requestSlot(conn: Connection, service: string, file: { name: string; size: number; type: string }): Promise<Slot> {
  const iq = await conn.iq(x('iq', { type: 'get', to: service }, x('request', { xmlns: NS_UPLOAD, filename: file.name, size: file.size, 'content-type': file.type || undefined })));
  const slot = iq.child('slot', NS_UPLOAD);
  const put = slot?.child('put')?.attrs.url;
  const get = slot?.child('get')?.attrs.url;
  if (!put || !get) throw new StanzaError('bad-request');
  const headers: Record<string, string> = {};
  for (const h of slot?.child('put')?.childrenNamed('header') ?? []) {
    const name = h.attrs.name ?? '';
    // §5: only these headers may be copied from the slot; others are ignored.
    if (ALLOWED_HEADERS.has(name.toLowerCase())) headers[name] = h.text().replace(/[\r\n]/g, '');
  }
  return { put, get, headers };
}

/** PUTs the file; onProgress gets 0…1. Rejects with a StanzaError-like condition on HTTP errors. */
export function putFile(slot: Slot, file: Blob, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', slot.put);
    if (file.type) xhr.setRequestHeader('Content-Type', file.type);
    for (const [name, value] of Object.entries(slot.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
        return;
      }
      let text: string | undefined;
      try {
        text = (JSON.parse(xhr.responseText) as { detail?: string }).detail;
      } catch {
        /* not problem+json */
      }
      reject(new StanzaError(xhr.status === 413 ? 'not-acceptable' : xhr.status === 403 ? 'forbidden' : 'internal-server-error', text));
    };
    xhr.onerror = () => reject(new StanzaError('remote-server-timeout'));
    xhr.onabort = () => reject(new StanzaError('undefined-condition'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

const IMAGE = /\.(png|jpe?g|gif|webp|avif|bmp)$/i;

/** A shared file: the body is exactly the OOB URL (XEP-0363 §6 convention). */
export function attachmentOf(body: string, oobUrl: string | undefined): { url: string; name: string; image: boolean } | undefined {
  const url = oobUrl ?? body.trim();
  if (!oobUrl || body.trim() !== url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const name = decodeURIComponent(parsed.pathname.split('/').pop() ?? '') || url;
  return { url: parsed.href, name, image: IMAGE.test(parsed.pathname) };
}

/**
 * Whether a shared URL is a file of this server's upload service (its GET
 * URLs are `<public URL>/files/<token>/<name>`), so its uploader may delete it.
 */
export function isServerFileUrl(url: string, hosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && hosts.includes(parsed.host) && /\/files\/[\w-]+\/[^/]+$/.test(parsed.pathname);
}

/** Deletes one of my uploaded files by its URL; the URL then answers 404. */
export async function deleteUploadedFile(conn: Connection, service: string, url: string): Promise<void> {
  await conn.iq(x('iq', { type: 'set', to: service }, x('delete', { xmlns: NS_FILES, url })));
}
