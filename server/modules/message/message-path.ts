// Routing of messages addressed to local accounts: RFC 6121 §8.5 (local
// user), with the archive (XEP-0313), offline storage (XEP-0160) and
// carbons (XEP-0280) woven in, under the durability rule of DESIGN.md:
// archive rows and offline copies are committed (group commit) before the
// message reaches anyone, and the sender's XEP-0198 ack waits for them.
// https://www.rfc-editor.org/rfc/rfc6121#section-8.5

import { AppError, isAppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { Jid } from '../../core/jid.js';
import type { ModuleContext } from '../../core/module.js';
import type { NewArchivedMessage } from '../../store/types.js';
import { cloneElement } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { isCarbonEligible, isPrivate, sendCarbons, withoutPrivate } from '../carbons/copies.js';
import { isArchivable, newStanzaId, stampStanzaId, userArchiveRow } from '../mam/archiving.js';
import type { AccountDirectory, LocalAccount } from './account-directory.js';
import type { SenderOrder } from './sender-order.js';

type MessageType = 'chat' | 'normal' | 'headline' | 'groupchat' | 'error';

function typeOf(stanza: Element): MessageType {
  // The router has already refused unknown types.
  return (stanza.attrs.type ?? 'normal') as MessageType;
}

/** What one accepted message turns into. */
interface Prepared {
  /** The copy the recipient's resources receive (recipient's stanza-id, no <private/>). */
  incoming: Element;
  /** The sender's copy, for its archive and its sent carbons. */
  outgoing: Element;
  rows: NewArchivedMessage[];
  /** Sender and recipient are the same account (note to self, own resources). */
  own: boolean;
}

export class MessagePath {
  private readonly ctx: ModuleContext;
  private readonly directory: AccountDirectory;
  private readonly order: SenderOrder;

  constructor(ctx: ModuleContext, directory: AccountDirectory, order: SenderOrder) {
    this.ctx = ctx;
    this.directory = directory;
    this.order = order;
  }

  /** To another account's bare JID, or to one's own (message/self). */
  async toBare(event: StanzaEvent): Promise<boolean> {
    const type = typeOf(event.stanza);
    // RFC 6121 §8.5.2: an error addressed to a bare JID is silently dropped.
    if (type === 'error') return true;
    const recipient = await this.directory.find(event.to);
    if (!recipient) return this.noSuchAccount(event, type);
    return this.toAvailable(event, recipient, type);
  }

  /** To a full JID: that session if it is bound (hibernated ones queue), else RFC 6121 §8.5.3.2. */
  async toFull(event: StanzaEvent): Promise<boolean> {
    const { stanza, to } = event;
    const type = typeOf(stanza);
    const session = this.ctx.sessions.get(to.bare, to.resource);
    if (session?.account) return this.accept(event, { id: session.account.id, bare: to.bare }, [session]);
    if (type === 'error' || type === 'headline') return true;
    const recipient = await this.directory.find(to);
    if (!recipient) return this.noSuchAccount(event, type);
    return this.toAvailable(event, recipient, type);
  }

  /** To the server itself: nobody reads chat there, so say so; drop the rest. */
  toHost(event: StanzaEvent): boolean {
    const type = typeOf(event.stanza);
    if ((type === 'chat' || type === 'normal') && event.stanza.getChild('body')) {
      this.ctx.router.reply(event.origin, event.stanza, new AppError('service-unavailable', 'This server does not read messages; write to a user or a room'));
    }
    return true;
  }

  /** RFC 6121 §8.5.2.1.1 (and §8.5.2.2 when nobody is available). */
  private toAvailable(event: StanzaEvent, recipient: LocalAccount, type: MessageType): boolean | Promise<boolean> {
    if (type === 'groupchat') {
      this.ctx.router.reply(event.origin, event.stanza, new AppError('service-unavailable', 'Groupchat messages go to rooms, not to a user'));
      return true;
    }
    const targets = this.ctx.sessions.availableOf(recipient.bare).filter((s) => s.priority >= 0);
    if (targets.length === 0 && type === 'headline') return true;
    return this.accept(event, recipient, targets);
  }

  private noSuchAccount(event: StanzaEvent, type: MessageType): boolean {
    if (type === 'chat' || type === 'normal') {
      this.ctx.router.reply(event.origin, event.stanza, new AppError('service-unavailable', 'There is no such user here'));
    }
    return true;
  }

  /** Archives, stores offline when nobody is there, then delivers in sender order once committed. */
  private async accept(event: StanzaEvent, recipient: LocalAccount, targets: ClientSession[]): Promise<boolean> {
    const prepared = this.prepare(event, recipient);
    const writes: Promise<unknown>[] = [];
    const type = typeOf(event.stanza);
    if (targets.length === 0 && (type === 'chat' || type === 'normal')) {
      try {
        const offlineTo = new Jid(event.to.local, event.to.domain);
        await this.ctx.events.fire('message-offline', { stanza: prepared.incoming, to: offlineTo, durable: (write) => writes.push(write) });
      } catch (error) {
        // A refusal (offline storage full) reaches the sender and nothing is archived.
        this.refuse(event, error, 'admission');
        return true;
      }
    }
    if (prepared.rows.length > 0) writes.push(this.ctx.durable.write({ archive: prepared.rows }));
    const commit = writes.length === 0 ? undefined : writes.length === 1 ? writes[0] : Promise.all(writes);
    if (commit) event.durable(commit);
    this.order.run(
      event.from.full,
      commit,
      () => this.handOver(event, recipient, targets, prepared),
      (error) => this.refuse(event, error, 'commit'),
    );
    return true;
  }

  private prepare(event: StanzaEvent, recipient: LocalAccount): Prepared {
    const { stanza, origin, from } = event;
    const sender = origin?.account && origin.jid ? { id: origin.account.id, bare: origin.jid.bare } : undefined;
    const own = sender?.id === recipient.id;
    const incoming = cloneElement(withoutPrivate(stanza));
    incoming.attrs.to ??= recipient.bare;
    let outgoing = stanza;
    const rows: NewArchivedMessage[] = [];
    if (isArchivable(stanza)) {
      const at = new Date();
      const incomingId = newStanzaId();
      stampStanzaId(incoming, recipient.bare, incomingId);
      rows.push(userArchiveRow({ ownerAccountId: recipient.id, stanzaId: incomingId, stanza: incoming, withJid: own ? recipient.bare : from.bare, senderAccountId: sender?.id ?? null, at }));
      if (sender && !own) {
        outgoing = cloneElement(stanza);
        const outgoingId = newStanzaId();
        stampStanzaId(outgoing, sender.bare, outgoingId);
        rows.push(userArchiveRow({ ownerAccountId: sender.id, stanzaId: outgoingId, stanza: outgoing, withJid: recipient.bare, senderAccountId: sender.id, at }));
      }
    }
    return { incoming, outgoing, rows, own };
  }

  /** The commit is in: the recipient's resources, then carbons on both sides. */
  private handOver(event: StanzaEvent, recipient: LocalAccount, targets: ClientSession[], prepared: Prepared): void {
    const { incoming, outgoing, own } = prepared;
    if (targets.length === 1) targets[0]?.send(incoming);
    else if (targets.length > 1) {
      const xml = incoming.toString();
      for (const session of targets) session.sendSerialized(xml, incoming);
    }
    if (own || !isCarbonEligible(event.stanza) || isPrivate(event.stanza)) return;
    const sessions = this.ctx.sessions;
    sendCarbons('received', incoming, { bare: recipient.bare, sessions: sessions.sessionsOf(recipient.bare) }, new Set(targets));
    const origin = event.origin;
    if (origin?.jid) sendCarbons('sent', outgoing, { bare: origin.jid.bare, sessions: sessions.sessionsOf(origin.jid.bare) }, new Set([origin]));
  }

  /** An admission refusal (an AppError) goes back as is; any failed commit is an internal error. */
  private refuse(event: StanzaEvent, error: unknown, phase: 'admission' | 'commit'): void {
    let reply: AppError;
    if (phase === 'admission' && isAppError(error)) reply = error;
    else {
      this.ctx.log.error('message not committed; the sender gets an error', { error, from: event.from.full });
      reply = new AppError('internal-server-error', 'The message could not be stored, so it was not delivered; please send it again');
    }
    this.ctx.router.reply(event.origin, event.stanza, reply);
  }
}
