// Guest invitations by email, Causerie's urn:causerie:guests:0 on a room's
// JID (docs/GUESTS.md).

import { x } from './xml.js';
import type { Connection } from './connection.js';

export const NS_GUESTS = 'urn:causerie:guests:0';

/** Where the invitation mail stands: being sent, delivered to the mail server, or refused by it. */
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export interface PendingInvitation {
  email: string;
  status: DeliveryStatus;
  expires?: string;
  /** Why the mail could not be delivered (the mail server's answer), when status is failed. */
  error?: string;
}

function deliveryStatus(value: string | undefined): DeliveryStatus {
  return value === 'sent' || value === 'failed' ? value : 'pending';
}

/** Invites an address; 'member' when it already had an account and was simply added. */
export async function inviteGuest(conn: Connection, room: string, email: string, lang: string): Promise<'sent' | 'member'> {
  const iq = await conn.iq(x('iq', { type: 'set', to: room }, x('invite', { xmlns: NS_GUESTS, email, lang })));
  return iq.child('member', NS_GUESTS) ? 'member' : 'sent';
}

/** The room's pending invitations; rejects with `forbidden` when the user lacks the invite right. */
export async function pendingInvitations(conn: Connection, room: string): Promise<PendingInvitation[]> {
  const iq = await conn.iq(x('iq', { type: 'get', to: room }, x('invitations', { xmlns: NS_GUESTS })));
  return (iq.child('invitations', NS_GUESTS)?.childrenNamed('invitation') ?? []).map((i) => ({
    email: i.attrs.email ?? '',
    status: deliveryStatus(i.attrs.status),
    expires: i.attrs.expires,
    error: i.attrs.error,
  }));
}

/** Mails a pending invitation again with a new link (the old one stops working). */
export async function resendInvitation(conn: Connection, room: string, email: string): Promise<void> {
  await conn.iq(x('iq', { type: 'set', to: room }, x('resend', { xmlns: NS_GUESTS, email })));
}

export async function revokeInvitation(conn: Connection, room: string, email: string): Promise<void> {
  await conn.iq(x('iq', { type: 'set', to: room }, x('revoke', { xmlns: NS_GUESTS, email })));
}
