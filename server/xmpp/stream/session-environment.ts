// What a client session needs from the node around it. The node (server/
// xmpp/node.ts) implements this; tests can implement it too.

import type { Logger } from '../../core/logger.js';
import type { ErrorCondition } from '../../core/errors.js';
import type { Account } from '../../store/types.js';
import type { Element } from '../stanza.js';
import type { SaslNegotiator, SaslConnection } from '../sasl/sasl-negotiator.js';
import type { ClientSession } from './client-session.js';

export interface SessionLimits {
  maxStanzaBytes: number;
  maxDepth: number;
  maxOutgoingBytes: number;
  maxSaslFailures: number;
  smMaxUnacked: number;
  /** Messages per second per session, sustained, and the burst allowed. */
  stanzaRate: number;
  stanzaBurst: number;
}

export interface SessionEnvironment {
  readonly log: Logger;
  readonly limits: SessionLimits;
  readonly defaultDomain: string;
  isLocalDomain(domain: string): boolean;
  createSasl(connection: SaslConnection): SaslNegotiator;
  /** Loads the authenticated account (undefined if it vanished or is disabled). */
  loadAccount(localpart: string, domain: string): Promise<Account | undefined>;
  /** Binds a resource (RFC 6120 §7), replacing an older session with the same one. */
  bind(session: ClientSession, requested: string | undefined): void;
  /** Finds a session to resume (XEP-0198 §5) for this account. */
  findResumable(previd: string, accountId: number): ClientSession | undefined;
  /** Stream features modules add once the session is authenticated. */
  boundFeatures(session: ClientSession): string;
  /** Routes a stanza from a bound session; `durable` collects writes the stanza's acknowledgement waits for. */
  route(session: ClientSession, stanza: Element, durable: (write: Promise<unknown>) => void): void | Promise<void>;
  /** Stream-level elements other than SM (e.g. XEP-0352 CSI); true when handled. */
  nonza(session: ClientSession, element: Element): boolean;
  rejectStanza(session: ClientSession, stanza: Element, condition: ErrorCondition, text: string): void;
  /** The session ended: unregister, presence unavailable, unacknowledged messages offline. */
  ended(session: ClientSession, how: { wasBound: boolean; clean: boolean }): void;
}
