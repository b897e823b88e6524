// Groupchat messages (XEP-0045 §7.4) and subject changes (§8.1): the room
// strips what a client may not claim (stanza-id by the room, delay,
// occupant-id), stamps XEP-0421 occupant-id and XEP-0359 stanza-id, lets
// extensions act (`muc-message`), archives, and broadcasts once committed,
// in admission order (DESIGN.md durability rule).
// https://xmpp.org/extensions/xep-0045.html#message — https://xmpp.org/extensions/xep-0359.html

import { AppError, isAppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { NS_DELAY, NS_SID } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { newStanzaId, originIdOf } from '../mam/archiving.js';
import { planMessage } from './message-features.js';
import type { MessagePlan } from './message-plan.js';
import type { MucMessageEvent } from './muc-api.js';
import { NS_OCCUPANT_ID } from './namespaces.js';
import type { Occupant } from './occupant.js';
import type { LiveRoom } from './room.js';
import type { MucState } from './state.js';

export function sanitizeGroupchat(stanza: Element): void {
  stanza.children = stanza.children.filter(
    (child) => typeof child === 'string' || !((child.name === 'stanza-id' && child.attrs.xmlns === NS_SID) || (child.name === 'delay' && child.attrs.xmlns === NS_DELAY) || (child.name === 'occupant-id' && child.attrs.xmlns === NS_OCCUPANT_ID)),
  );
}

export async function handleGroupchat(state: MucState, event: StanzaEvent): Promise<void> {
  const { ctx, registry } = state;
  const { origin, stanza } = event;
  const fullJid = origin?.jid?.full;
  if (!origin || !fullJid) return;
  const live = registry.all().find((room) => room.jid === event.to.bare);
  const occupant = live?.occupantOf(fullJid);
  if (!live || !occupant) {
    ctx.router.reply(origin, stanza, new AppError('not-acceptable', 'Join the room before sending messages to it'));
    return;
  }
  await live.serial(async () => {
    const subject = stanza.getChild('subject');
    if (subject && !stanza.getChild('body')) return changeSubject(state, event, live, occupant, subject.getText());
    if (live.room.archived) throw reply(new AppError('forbidden', `${live.room.name} is archived: it stays readable, nobody posts`));
    sanitizeGroupchat(stanza);
    // Corrections, retractions, reactions, threads: rights and targets (message-features.ts).
    const plan = await planMessage(state, live, occupant, stanza).catch((error: unknown) => {
      throw isAppError(error) ? reply(error) : error;
    });
    stanza.attrs.from = `${live.jid}/${occupant.nick}`;
    delete stanza.attrs.to;
    stanza.cnode(el('occupant-id', { xmlns: NS_OCCUPANT_ID, id: occupant.occupantId }));
    let rejected: AppError | undefined;
    const payload: MucMessageEvent = {
      room: live,
      occupant,
      stanza,
      durable: (write) => event.durable(write),
      reject: (condition, text) => {
        rejected = new AppError(condition, text);
      },
    };
    const taken = await ctx.events.fire('muc-message', payload);
    if (rejected) throw reply(rejected);
    if (taken) return;
    if (isTransient(payload.stanza, plan)) {
      // Typing notifications and markers are relayed in order, never archived
      // (XEP-0313 §5.1.1): an archive of "is typing" would drown the history.
      live.afterCommit(Promise.resolve(), () => live.broadcast(payload.stanza), () => undefined);
      return;
    }
    const stanzaId = newStanzaId();
    payload.stanza.cnode(el('stanza-id', { xmlns: NS_SID, by: live.jid, id: stanzaId }));
    const owner = { kind: 'room' as const, roomId: live.room.id };
    const written = ctx.durable.write({
      archive: [
        {
          owner,
          stanzaId,
          // The message id stands in for a missing origin-id: XEP-0308 names the original by it.
          originId: originIdOf(payload.stanza) ?? (payload.stanza.attrs.id?.slice(0, 255) || null),
          withJid: occupant.bareJid,
          fromJid: payload.stanza.attrs.from ?? '',
          senderAccountId: occupant.account.id,
          senderName: occupant.nick,
          body: plan.searchBody === undefined ? payload.stanza.getChildText('body') : plan.searchBody,
          stanza: payload.stanza.toString(),
          timestamp: ctx.services.clock.now(),
          thread: plan.thread ?? null,
          appliesTo: plan.appliesTo ?? null,
        },
      ],
    });
    const { afterCommit } = plan;
    const committed = afterCommit ? written.then(() => afterCommit(stanzaId)) : written;
    event.durable(committed);
    live.afterCommit(
      committed,
      () => live.broadcast(payload.stanza),
      (error) => {
        ctx.log.error('archiving a room message failed', { error, room: live.jid });
        ctx.router.reply(origin, stanza, new AppError('internal-server-error', 'The message could not be stored; please send it again'));
      },
    );
  }).catch((error: unknown) => {
    if (error instanceof Rejection) ctx.router.reply(origin, stanza, error.error);
    else {
      ctx.log.error('room message failed', { error, room: live.jid });
      ctx.router.reply(origin, stanza, new AppError('internal-server-error', 'The message could not be sent; please try again'));
    }
  });
}

class Rejection extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.error = error;
  }
}

function reply(error: AppError): Rejection {
  return new Rejection(error);
}

async function changeSubject(state: MucState, event: StanzaEvent, live: LiveRoom, occupant: Occupant, subject: string): Promise<void> {
  if (!occupant.rights.rename) throw reply(new AppError('forbidden', `You need the rename right to change the subject of ${live.room.name}`));
  const now = state.ctx.services.clock.now();
  await state.ctx.services.rooms.setSubject(live.room.id, subject, occupant.nick, now);
  live.room = { ...live.room, subject, subjectBy: occupant.nick, subjectAt: now };
  live.broadcast(el('message', { from: `${live.jid}/${occupant.nick}`, type: 'groupchat', id: event.stanza.attrs.id }, el('subject', null, subject), el('occupant-id', { xmlns: NS_OCCUPANT_ID, id: occupant.occupantId })));
}

/** Namespaces of payloads that only matter while people are in the room. */
const TRANSIENT_NAMESPACES = new Set([
  'http://jabber.org/protocol/chatstates', // XEP-0085
  'urn:xmpp:chat-markers:0', // XEP-0333
  'urn:xmpp:hints', // XEP-0334
  'urn:xmpp:sid:0', // origin-id
  NS_OCCUPANT_ID,
]);

/** No body, no relation to another message, and nothing but transient payloads. */
export function isTransient(stanza: Element, plan: MessagePlan): boolean {
  if (plan.appliesTo || stanza.getChild('body') || stanza.getChild('subject')) return false;
  const children = stanza.getChildElements();
  return children.length > 0 && children.every((child) => TRANSIENT_NAMESPACES.has(child.attrs.xmlns ?? ''));
}
