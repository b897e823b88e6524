// The requests of urn:causerie:events:0 on a room's bare JID: create
// (write right), list (read right, checked by the rooms service before this
// runs), delete (the creator, or the delete right) and conference (a fresh
// meeting link; write right). All need GroupWare.

import { randomBytes } from 'node:crypto';
import { isAppError } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import type { MucIqEvent } from '../muc/muc-api.js';
import type { Account } from '../../store/types.js';
import { el } from '../../xmpp/stanza.js';
import { announceCreated, announceDeleted } from './announce.js';
import { NS_EVENTS, eventElement, parseCreate, upcomingFirst } from './codec.js';

const bareJid = (account: Pick<Account, 'localpart' | 'domain'>): string => `${account.localpart}@${account.domain}`;

/** The occupant's nick, else the account's display name, else its JID. */
function displayOf(event: MucIqEvent): string {
  return event.occupant?.nick ?? event.account.displayName ?? bareJid(event.account);
}

/** A meeting room name nobody can guess (128 bits). */
export function conferenceLink(base: string): string {
  return `${base.replace(/\/+$/, '')}/causerie-${randomBytes(16).toString('hex')}`;
}

/** The SmartDiscover conference API URL when an administrator set one, else the configured base (Jitsi Meet by default). */
async function conferenceBase(ctx: ModuleContext): Promise<string> {
  const urls = await ctx.services.repos.discovery.urls();
  return urls.find((entry) => entry.name === 'conference-api')?.url ?? ctx.config.conferenceUrl;
}

async function groupwareDenied(ctx: ModuleContext, event: MucIqEvent): Promise<boolean> {
  const account = (await ctx.services.accounts.get(event.account.id)) ?? event.account;
  if ((await ctx.services.policies.effectiveFor(account)).groupware) return false;
  event.error('not-allowed', 'Events (GroupWare) are turned off for your account. Ask your administrator to turn them on.');
  return true;
}

/** Runs a handler and turns its AppErrors (bad input) into the iq error. */
function guarded(ctx: ModuleContext, run: (event: MucIqEvent) => Promise<void>) {
  return async (event: MucIqEvent): Promise<boolean> => {
    try {
      if (!(await groupwareDenied(ctx, event))) await run(event);
    } catch (error) {
      if (!isAppError(error) || !['bad-request', 'not-allowed', 'forbidden', 'item-not-found', 'not-acceptable'].includes(error.condition)) throw error;
      event.error(error.condition as 'bad-request', error.text ?? error.condition);
    }
    return true;
  };
}

export function createHandlers(ctx: ModuleContext) {
  const { repos } = ctx.services;
  const creatorJid = async (id: number | null): Promise<string | undefined> => {
    const account = id === null ? undefined : await ctx.services.accounts.get(id);
    return account ? bareJid(account) : undefined;
  };

  const create = guarded(ctx, async (event) => {
    if (event.room.room.archived) return event.error('forbidden', `${event.room.room.name} is archived: it stays readable, nothing can be added`);
    const rights = await event.room.rightsOf(event.account);
    if (!rights.write) return event.error('forbidden', 'You may not post in this room, so you cannot add events to it');
    const draft = parseCreate(event.stanza.getChild('create', NS_EVENTS) as NonNullable<ReturnType<typeof event.stanza.getChild>>);
    const conferenceUrl = draft.conference.kind === 'generate' ? conferenceLink(await conferenceBase(ctx)) : draft.conference.kind === 'url' ? draft.conference.url : null;
    const stored = await repos.roomEvents.insert({ roomId: event.room.room.id, title: draft.title, startsAt: draft.startsAt, endsAt: draft.endsAt, description: draft.description, conferenceUrl, createdBy: event.account.id });
    const creator = bareJid(event.account);
    event.result(eventElement(stored, creator, NS_EVENTS));
    announceCreated(event.room, stored, creator, displayOf(event));
  });

  const list = guarded(ctx, async (event) => {
    const events = upcomingFirst(await repos.roomEvents.listByRoom(event.room.room.id), new Date());
    const rendered = await Promise.all(events.map(async (e) => eventElement(e, await creatorJid(e.createdBy))));
    event.result(el('events', { xmlns: NS_EVENTS }, ...rendered));
  });

  const remove = guarded(ctx, async (event) => {
    if (event.room.room.archived) return event.error('forbidden', `${event.room.room.name} is archived: it stays readable, nothing can be removed`);
    const id = String(event.stanza.getChild('delete', NS_EVENTS)?.attrs.id ?? '');
    const stored = /^\d{1,10}$/.test(id) ? await repos.roomEvents.get(Number(id)) : undefined;
    if (!stored || stored.roomId !== event.room.room.id) return event.error('item-not-found', 'No such event in this room');
    if (stored.createdBy !== event.account.id && !(await event.room.rightsOf(event.account)).delete) {
      return event.error('forbidden', 'Only the person who created this event, or someone with the delete right in this room, can delete it');
    }
    await repos.roomEvents.delete(stored.id);
    event.result();
    announceDeleted(event.room, stored, displayOf(event));
  });

  // "Start a conference" outside any event: a fresh meeting link for the client to post in the room.
  const conference = guarded(ctx, async (event) => {
    if (event.room.room.archived) return event.error('forbidden', `${event.room.room.name} is archived: it stays readable, nothing can be added`);
    if (!(await event.room.rightsOf(event.account)).write) return event.error('forbidden', 'You may not post in this room, so you cannot start a conference in it');
    event.result(el('conference', { xmlns: NS_EVENTS, url: conferenceLink(await conferenceBase(ctx)) }));
  });

  return { create, list, remove, conference };
}
