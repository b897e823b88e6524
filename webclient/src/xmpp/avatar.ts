// Avatars: XEP-0084 (PEP nodes urn:xmpp:avatar:data and :metadata, published
// with an open access model so everyone who sees the person's messages can
// read it), vCard-temp PHOTO (XEP-0054/XEP-0153) for older clients and as a
// fallback when reading, and the XEP-0153 photo hash for presence.

import { x } from './xml.js';
import type { XmlElement } from './xml.js';
import type { Connection } from './connection.js';
import { NS } from './namespaces.js';
import { submitForm } from './forms.js';

export const NS_AVATAR_DATA = 'urn:xmpp:avatar:data';
export const NS_AVATAR_METADATA = 'urn:xmpp:avatar:metadata';
export const NS_VCARD_UPDATE = 'vcard-temp:x:update';
const PUBLISH_OPTIONS = 'http://jabber.org/protocol/pubsub#publish-options';

export interface AvatarImage {
  bytes: Uint8Array<ArrayBuffer>;
  type: string;
  width: number;
  height: number;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** XEP-0084 §4.2: the item id is the SHA-1 of the image, in hex. */
export async function avatarHash(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function publish(node: string, id: string, payload: XmlElement): XmlElement {
  return x(
    'iq',
    { type: 'set' },
    x('pubsub', { xmlns: NS.PUBSUB }, x('publish', { node }, x('item', { id }, payload)), x('publish-options', {}, submitForm(PUBLISH_OPTIONS, { 'pubsub#access_model': 'open' }))),
  );
}

/** Publishes the avatar (data first, then metadata, XEP-0084 §4.1) and the vCard PHOTO; returns its hash. */
export async function publishAvatar(conn: Connection, image: AvatarImage): Promise<string> {
  const id = await avatarHash(image.bytes);
  const base64 = toBase64(image.bytes);
  await conn.iq(publish(NS_AVATAR_DATA, id, x('data', { xmlns: NS_AVATAR_DATA }, base64)));
  await conn.iq(publish(NS_AVATAR_METADATA, id, x('metadata', { xmlns: NS_AVATAR_METADATA }, x('info', { id, bytes: image.bytes.length, type: image.type, width: image.width, height: image.height }))));
  let card = x('vCard', { xmlns: NS.VCARD });
  try {
    card = (await conn.iq(x('iq', { type: 'get' }, x('vCard', { xmlns: NS.VCARD })))).child('vCard', NS.VCARD) ?? card;
  } catch {
    /* no vCard yet */
  }
  card.children = card.children.filter((c) => typeof c === 'string' || c.name !== 'PHOTO');
  card.attrs = { xmlns: NS.VCARD };
  card.append(x('PHOTO', {}, x('TYPE', {}, image.type), x('BINVAL', {}, base64)));
  await conn.iq(x('iq', { type: 'set' }, card));
  return id;
}

/** The XEP-0153 element announcing the photo hash in presence. */
export function photoUpdate(hash: string): XmlElement {
  return x('x', { xmlns: NS_VCARD_UPDATE }, x('photo', {}, hash));
}

/** The photo hash a presence announces (XEP-0153), if any. */
export function readPhotoHash(presence: XmlElement): string | undefined {
  return presence.child('x', NS_VCARD_UPDATE)?.childText('photo');
}

/** A data: URL, only for an image type and plain base64 (what comes from others is not trusted). */
function dataUrl(type: string | undefined, base64: string | undefined): string | undefined {
  if (!base64 || !/^[A-Za-z0-9+/]+=*$/.test(base64)) return undefined;
  const mime = type ?? 'image/png';
  return /^image\/[\w.+-]+$/.test(mime) && mime !== 'image/svg+xml' ? `data:${mime};base64,${base64}` : undefined;
}

async function fromPep(conn: Connection, jid: string): Promise<string | undefined> {
  const items = (node: string, item?: string) =>
    conn.iq(x('iq', { type: 'get', to: jid }, x('pubsub', { xmlns: NS.PUBSUB }, x('items', item ? { node } : { node, max_items: 1 }, item ? x('item', { id: item }) : undefined))));
  const metadata = await items(NS_AVATAR_METADATA);
  const info = metadata.child('pubsub', NS.PUBSUB)?.child('items')?.child('item')?.child('metadata', NS_AVATAR_METADATA)?.child('info');
  if (!info?.attrs.id) return undefined;
  const data = await items(NS_AVATAR_DATA, info.attrs.id);
  const base64 = data.child('pubsub', NS.PUBSUB)?.child('items')?.child('item')?.childText('data', NS_AVATAR_DATA)?.replace(/\s+/g, '');
  return dataUrl(info.attrs.type, base64);
}

async function fromVcard(conn: Connection, jid: string): Promise<string | undefined> {
  const card = (await conn.iq(x('iq', { type: 'get', to: jid }, x('vCard', { xmlns: NS.VCARD })))).child('vCard', NS.VCARD);
  const photo = card?.child('PHOTO');
  const base64 = photo?.childText('BINVAL')?.replace(/\s+/g, '');
  return dataUrl(photo?.childText('TYPE'), base64);
}

/** A person's avatar as a data: URL: XEP-0084 first, then vCard PHOTO; '' when they have none. */
export async function fetchAvatar(conn: Connection, jid: string): Promise<string> {
  const pep = await fromPep(conn, jid).catch(() => undefined);
  if (pep) return pep;
  return (await fromVcard(conn, jid).catch(() => undefined)) ?? '';
}
