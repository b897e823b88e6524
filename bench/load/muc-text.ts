// Stanzas of the muc scenario, built and looked into with plain string work (no XML
// library, like the rest of the load generator).
// XEP-0045 §7.2 (join), §10.1.2 (instant room), §9.3 (grant membership) — https://xmpp.org/extensions/xep-0045.html
// XEP-0313 §5 (room archives) with XEP-0059 RSM `<before/>` paging — https://xmpp.org/extensions/xep-0313.html
import { childText, escapeXml, rootAttr } from './xml-text.js';

export const NS_MUC = 'http://jabber.org/protocol/muc';
export const NS_MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
export const NS_MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';
export const NS_MAM = 'urn:xmpp:mam:2';
export const NS_RSM = 'http://jabber.org/protocol/rsm';

/** `ns` is ` xmlns='jabber:client'` on WebSocket (RFC 7395 §3.3.3), '' on TCP. */
export function joinPresence(ns: string, roomJid: string, nick: string): string {
  return `<presence${ns} to='${escapeXml(`${roomJid}/${nick}`)}'><x xmlns='${NS_MUC}'><history maxstanzas='0'/></x></presence>`;
}

/** The empty submitted form that unlocks a new room with the default configuration. */
export function instantRoomIq(ns: string, roomJid: string, id: string): string {
  return `<iq${ns} type='set' to='${escapeXml(roomJid)}' id='${id}'><query xmlns='${NS_MUC_OWNER}'><x xmlns='jabber:x:data' type='submit'/></query></iq>`;
}

export function grantMemberIq(ns: string, roomJid: string, id: string, bareJid: string): string {
  return (
    `<iq${ns} type='set' to='${escapeXml(roomJid)}' id='${id}'><query xmlns='${NS_MUC_ADMIN}'>` +
    `<item affiliation='member' jid='${escapeXml(bareJid)}'/></query></iq>`
  );
}

/** Body "<send time ms> <phase>:<seq><padding>", as in the chat scenarios. */
export function groupchatMessage(ns: string, roomJid: string, id: string, sentAt: string, phase: string, seq: number, padding: string): string {
  return `<message${ns} to='${roomJid}' type='groupchat' id='${id}'><body>${sentAt} ${phase}:${seq}${padding}</body></message>`;
}

/** One page of a room archive: the last one (`before` undefined) or the one before id `before`. */
export function mamPageIq(ns: string, roomJid: string, id: string, max: number, before?: string): string {
  const b = before === undefined ? '<before/>' : `<before>${escapeXml(before)}</before>`;
  return (
    `<iq${ns} type='set' to='${escapeXml(roomJid)}' id='${id}'><query xmlns='${NS_MAM}' queryid='${id}'>` +
    `<set xmlns='${NS_RSM}'><max>${max}</max>${b}</set></query></iq>`
  );
}

/** The opening tag of a serialized element. */
function head(xml: string): string {
  const gt = xml.indexOf('>');
  return gt < 0 ? xml : xml.slice(0, gt);
}

function headHasType(xml: string, type: string): boolean {
  const h = head(xml);
  return h.includes(`type='${type}'`) || h.includes(`type="${type}"`);
}

export function isGroupchat(xml: string): boolean {
  return xml.startsWith('<message') && headHasType(xml, 'groupchat');
}

export function isErrorStanza(xml: string): boolean {
  return headHasType(xml, 'error');
}

/** Send time and phase tag of a groupchat delivery's body, undefined for other messages (subject, …). */
export function groupchatBody(xml: string): { sentAt: number; phase: string } | undefined {
  const open = xml.indexOf('<body>');
  if (open < 0) return undefined;
  const close = xml.indexOf('</body>', open);
  if (close < 0) return undefined;
  const text = xml.slice(open + 6, close);
  const space = text.indexOf(' ');
  const colon = text.indexOf(':', space);
  if (space < 0 || colon < 0) return undefined;
  const sentAt = Number(text.slice(0, space));
  if (!Number.isFinite(sentAt)) return undefined;
  return { sentAt, phase: text.slice(space + 1, colon) };
}

/** Every XEP-0045 status code in a presence (`<status code='110'/>`). */
export function mucStatusCodes(xml: string): number[] {
  const out: number[] = [];
  const re = /<status\s+code\s*=\s*["'](\d+)["']/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(Number(m[1]));
  return out;
}

/** The query id of a MAM result message, undefined for any other message. */
export function mamResultQueryId(xml: string): string | undefined {
  const at = xml.indexOf('<result');
  if (at < 0 || !xml.startsWith('<message')) return undefined;
  const gt = xml.indexOf('>', at);
  const tag = xml.slice(at, gt + 1);
  if (!tag.includes(NS_MAM)) return undefined;
  return rootAttr(tag, 'queryid');
}

/** RSM `<first>` of a MAM `<fin>` (the id to page back from), undefined on an empty page. */
export function finFirstId(xml: string): string | undefined {
  const set = xml.indexOf(NS_RSM);
  if (set < 0) return undefined;
  const first = childText(xml.slice(set), 'first');
  return first === '' ? undefined : first;
}
