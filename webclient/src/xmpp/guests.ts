// Guest invitations by email, Causerie's urn:causerie:guests:0 on a room's
// JID (docs/GUESTS.md).

import { x } from './xml.js';
import type { Connection } from './connection.js';

export const NS_GUESTS = 'urn:causerie:guests:0';

export interface PendingInvitation {
  email: string;
  status: string;
  expires?: string;
}

/** Invites an address; 'member' when it already had an account and was simply added. */
export async function inviteGuest(conn: Connection, room: string, email: string, lang: string): Promise<'sent' | 'member'> {
  const iq = await conn.iq(x('iq', { type: 'set', to: room }, x('invite', { xmlns: NS_GUESTS, email, lang })));
  return iq.child('member', NS_GUESTS) ? 'member' : 'sent';
}

export async function pendingInvitations(conn: Connection, room: string): Promise<PendingInvitation[]> {
  const iq = await conn.iq(x('iq', { type: 'get', to: room }, x('invitations', { xmlns: NS_GUESTS })));
  return (iq.child('invitations', NS_GUESTS)?.childrenNamed('invitation') ?? []).map((i) => ({ email: i.attrs.email ?? '', status: i.attrs.status ?? '', expires: i.attrs.expires }));
}

export async function revokeInvitation(conn: Connection, room: string, email: string): Promise<void> {
  await conn.iq(x('iq', { type: 'set', to: room }, x('revoke', { xmlns: NS_GUESTS, email })));
}
