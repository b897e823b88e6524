// May this account be in this room, and with which rights? One place for the
// checks of joining and of live updates (DESIGN.md: TeamChat service switch,
// TeamChat policy, group rooms only while the group has TeamChat on, read right).

import { AppError } from '../../core/errors.js';
import type { Services } from '../../domain/index.js';
import type { Account } from '../../store/types.js';
import type { Rights, Room } from '../../store/teamchat-types.js';

export interface RoomAccessResult {
  rights: Rights;
  member: boolean;
}

/** Throws the stanza error a refused account gets (XEP-0045 §7.2 error conditions). */
export async function checkAccess(services: Services, room: Room, account: Account): Promise<RoomAccessResult> {
  if (!(await services.policies.isServiceRunning())) throw new AppError('service-unavailable', 'TeamChat is stopped on this server for now.');
  const denial = await services.policies.teamChatDenial(account);
  if (denial) throw new AppError('forbidden', denial.text, { appCondition: denial.reason });
  if (room.kind === 'group' && room.groupId !== null) {
    const group = await services.repos.groups.get(room.groupId);
    if (!group?.teamchatEnabled) throw new AppError('registration-required', 'TeamChat is turned off for this group');
  }
  const rights = await services.rooms.rights(room, account);
  if (!rights.read) {
    // XEP-0045 §7.2.6: members-only rooms answer non-members with registration-required. A guest
    // cannot register its way in, only be invited: it is told so (and not the room's name).
    if (account.kind === 'guest') throw new AppError('forbidden', 'As a guest you can only be in the rooms you were invited to; ask a member of this room to invite you');
    throw new AppError('registration-required', `You are not a member of ${room.name}`);
  }
  return { rights, member: await services.rooms.isMember(room, account) };
}
