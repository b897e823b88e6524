// Event names and their payloads. Protocol events follow Prosody's scheme so
// they are easy to grep: `message/bare`, `presence/full`,
// `iq-get/self/jabber:iq:roster:query`; `pre-…` runs for stanzas a local
// client sends, before delivery. Feature events are kebab-case.

import type { Jid } from './jid.js';
import type { Element } from 'ltx';
import type { ClientSession } from '../xmpp/stream/client-session.js';
import type { MucIqEvent, MucMessageEvent } from '../modules/muc/muc-api.js';

/** Where a stanza is addressed: the sender's own account, another account, a full JID, or the server. */
export type AddressKind = 'self' | 'bare' | 'full' | 'host';

export interface StanzaEvent {
  stanza: Element;
  /** The local session that sent it; undefined for server-generated stanzas. */
  origin: ClientSession | undefined;
  from: Jid;
  to: Jid;
  /** Registers a write the sender's XEP-0198 acknowledgement must wait for. */
  durable(write: Promise<unknown>): void;
}

type StanzaEventName = `${'' | 'pre-'}${'message' | 'presence' | 'iq'}/${AddressKind}`;

interface IqPayloadEvents {
  [event: `muc-iq-get/${string}`]: MucIqEvent;
  [event: `muc-iq-set/${string}`]: MucIqEvent;
  [event: `iq-get/${string}`]: StanzaEvent;
  [event: `iq-set/${string}`]: StanzaEvent;
}

interface FeatureEvents {
  /** A resource was bound; the session is routable. */
  'session-bound': { session: ClientSession };
  /** A session ended for good (not hibernated). */
  'session-ended': { session: ClientSession; clean: boolean };
  /**
   * A groupchat message from an occupant, after the rights check and before
   * archiving and broadcast. A handler returning true has taken it over
   * (e.g. a retraction); handlers may also rewrite `stanza` in place.
   */
  'muc-message': MucMessageEvent;
  /** The session sent its first available presence (RFC 6121 §4.2): offline messages flow now. */
  'presence-initial': { session: ClientSession };
  /** A message is delivered to a bare JID whose account has no available resource. */
  'message-offline': { stanza: Element; to: Jid; durable(write: Promise<unknown>): void };
}

export type HookPayloads = { [K in StanzaEventName]: StanzaEvent } & IqPayloadEvents & FeatureEvents;
