// Small MUC steps for integration tests that watch rooms from a test client:
// join and read its outcome, wait for the next matching stanza, read the
// XEP-0402 bookmarks, and poll until the server has caught up.

import { TEST_DOMAIN } from './start-node.js';
import { xml } from './xmpp-client.js';
import type { TestClient } from './xmpp-client.js';

export const SERVICE = `conference.${TEST_DOMAIN}`;
export const MUC_USER = 'http://jabber.org/protocol/muc#user';
export const BOOKMARKS = 'urn:xmpp:bookmarks:1';
export type Element = TestClient['received'][number];

/** The XEP-0045 status codes of a room presence. */
export const statuses = (p: Element): string[] => (p.getChild('x', MUC_USER)?.getChildren('status') ?? []).map((s) => s.attrs.code as string);

/** The defined condition of an error stanza. */
export const condition = (s: Element): string | undefined => s.getChild('error')?.getChildElements().find((c) => c.name !== 'text')?.name;

/** The next stanza matching `predicate` received from now on. */
export function next(client: TestClient, predicate: (s: Element) => boolean, label: string): Promise<Element> {
  const start = client.received.length;
  return client.waitFor((s) => client.received.indexOf(s) >= start && predicate(s), 15_000, label);
}

/** Joins `room` as `nick`; resolves with the self-presence (110) or the error presence. */
export async function join(client: TestClient, room: string, nick: string): Promise<Element> {
  const to = `${room}/${nick}`;
  const wait = next(client, (s) => s.name === 'presence' && s.attrs.from === to && (s.attrs.type === 'error' || (s.attrs.type === undefined && statuses(s).includes('110'))), `join ${to}`);
  await client.send(xml('presence', { to }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
  return wait;
}

/** The room JIDs in the account's XEP-0402 bookmarks (none when the node does not exist yet). */
export async function bookmarks(client: TestClient): Promise<string[]> {
  const answer = await client.iq(xml('iq', { type: 'get' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: BOOKMARKS })))).catch(() => undefined);
  return answer?.getChild('pubsub')?.getChild('items')?.getChildren('item').map((i) => i.attrs.id as string) ?? [];
}

/** Polls `check` every 100 ms for up to 10 s. */
export async function eventually(check: () => Promise<boolean>, label: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never happened: ${label}`);
}
