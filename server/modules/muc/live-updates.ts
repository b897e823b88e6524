// Rooms follow the TeamChat domain as it changes (DESIGN.md): rights,
// memberships, policies and room changes are re-evaluated for every
// occupant; those who lost the room leave with status 321 and the reason,
// role changes are broadcast; stopping the service empties every room (332);
// a deleted room is destroyed (XEP-0045 §10.9).
// https://xmpp.org/extensions/xep-0045.html#registrar-statuscodes

import { AppError, isAppError } from '../../core/errors.js';
import { NS_MUC_USER } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import { checkAccess } from './access.js';
import { removeOccupant } from './leave.js';
import { NS_OCCUPANT_ID } from './namespaces.js';
import { broadcastPresence } from './presence.js';
import type { LiveRoom } from './room.js';
import type { MucState } from './state.js';

export function followDomain(state: MucState): Array<() => void> {
  const { ctx, registry } = state;
  const events = ctx.services.events;
  const safely = (work: () => Promise<void>): void => {
    work().catch((error: unknown) => ctx.log.error('updating rooms failed', { error }));
  };
  const everyRoom = (): void => safely(async () => {
    for (const live of registry.all()) await recompute(state, live);
  });
  // A change scoped to one room or one group's rooms re-checks only those:
  // granting a member must not re-check every occupant of the server.
  const roomsWhere = (matches: (live: LiveRoom) => boolean): void => safely(async () => {
    for (const live of registry.all()) if (matches(live)) await recompute(state, live);
  });
  return [
    events.hook('rights-changed', ({ roomId, groupId }) => {
      if (roomId !== null) roomsWhere((live) => live.room.id === roomId);
      else if (groupId !== null) roomsWhere((live) => live.room.groupId === groupId);
      else everyRoom();
    }),
    events.hook('group-members-changed', everyRoom),
    events.hook('room-members-changed', ({ roomId }) => roomsWhere((live) => live.room.id === roomId)),
    events.hook('policy-changed', everyRoom),
    events.hook('group-changed', everyRoom),
    events.hook('room-changed', ({ roomId }) => safely(async () => {
      const live = registry.live(roomId);
      const room = live ? await ctx.services.rooms.get(roomId) : undefined;
      if (!live || !room) return;
      live.room = room;
      await recompute(state, live);
    })),
    events.hook('room-deleted', ({ roomId }) => {
      const live = registry.live(roomId);
      if (live) destroy(live);
      registry.forget(roomId);
    }),
    events.hook('teamchat-service-changed', ({ running }) => {
      if (running) return;
      for (const live of registry.all()) {
        for (const occupant of [...live.occupants()]) removeOccupant(state, live, occupant, { statuses: [332], reason: 'TeamChat is stopped on this server for now.' });
        registry.forget(live.room.id);
      }
    }),
  ];
}

async function recompute(state: MucState, live: LiveRoom): Promise<void> {
  await live.serial(async () => {
    for (const occupant of [...live.occupants()]) {
      try {
        // The occupant's Account was read at join time; policies and flags may have changed since.
        const account = await state.ctx.services.repos.accounts.get(occupant.account.id);
        if (!account) throw new AppError('registration-required', 'Your account no longer exists');
        const access = await checkAccess(state.ctx.services, live.room, account);
        if (occupant.update(access.rights, live.room.archived, access.member)) broadcastPresence(live, occupant);
      } catch (error) {
        if (!isAppError(error)) throw error;
        const statuses = error.condition === 'service-unavailable' ? [332] : [321];
        removeOccupant(state, live, occupant, { statuses, reason: error.text });
      }
    }
  });
}

function destroy(live: LiveRoom): void {
  for (const occupant of [...live.occupants()]) {
    const presence = el(
      'presence',
      { from: `${live.jid}/${occupant.nick}`, type: 'unavailable' },
      el('x', { xmlns: NS_MUC_USER }, el('item', { affiliation: 'none', role: 'none' }), el('destroy', null, el('reason', null, `${live.room.name} was deleted`)), el('status', { code: '110' })),
      el('occupant-id', { xmlns: NS_OCCUPANT_ID, id: occupant.occupantId }),
    );
    live.sendToOccupant(occupant, presence);
    live.removeOccupant(occupant);
  }
}
