// Repository contracts for TeamChat: groups (members, managers, join
// requests), rooms (and their explicit members) and rights grants. Same
// conventions as types.ts: domain objects out, undefined for missing rows.

export type GroupAccess = 'open' | 'restricted' | 'private';

export interface Group {
  id: number;
  domainId: number;
  domain: string;
  name: string;
  /** The group's address localpart (alias@domain). */
  alias: string;
  access: GroupAccess;
  description: string | null;
  teamchatEnabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewGroup {
  domainId: number;
  name: string;
  alias: string;
  access?: GroupAccess;
  description?: string | null;
}

export type GroupPatch = Partial<Pick<Group, 'name' | 'access' | 'description' | 'teamchatEnabled'>>;

/** Who a group contains, or who a right is granted to. */
export type Principal = { type: 'account'; accountId: number } | { type: 'domain'; domainId: number } | { type: 'group'; groupId: number };

export interface Membership {
  groupId: number;
  member: Principal;
}

export type JoinRequestStatus = 'pending' | 'approved' | 'rejected';

export interface JoinRequest {
  id: number;
  groupId: number;
  accountId: number;
  status: JoinRequestStatus;
  message: string | null;
  decidedBy: number | null;
  decidedAt: Date | null;
  createdAt: Date;
}

export interface GroupsRepo {
  get(id: number): Promise<Group | undefined>;
  getByAlias(domainId: number, alias: string): Promise<Group | undefined>;
  find(filter?: { domainId?: number; search?: string }): Promise<Group[]>;
  insert(group: NewGroup): Promise<Group>;
  update(id: number, patch: GroupPatch): Promise<Group | undefined>;
  delete(id: number): Promise<boolean>;
  members(groupId: number): Promise<Principal[]>;
  /** Every membership edge (the graph is small: an organisation's groups). */
  allMemberships(): Promise<Membership[]>;
  addMember(groupId: number, member: Principal, addedBy: number | null): Promise<void>;
  removeMember(groupId: number, member: Principal): Promise<boolean>;
  managers(groupId: number): Promise<number[]>;
  managedBy(accountId: number): Promise<number[]>;
  addManager(groupId: number, accountId: number): Promise<void>;
  removeManager(groupId: number, accountId: number): Promise<boolean>;
  insertJoinRequest(groupId: number, accountId: number, message: string | null): Promise<JoinRequest>;
  findJoinRequests(filter: { groupId?: number; accountId?: number; status?: JoinRequestStatus }): Promise<JoinRequest[]>;
  getJoinRequest(id: number): Promise<JoinRequest | undefined>;
  /** Decides a pending request; false when it was not pending (already decided). */
  decideJoinRequest(id: number, status: 'approved' | 'rejected', decidedBy: number, at: Date): Promise<boolean>;
}

export type RoomKind = 'group' | 'private';

export interface Room {
  id: number;
  domainId: number;
  domain: string;
  localpart: string;
  name: string;
  description: string | null;
  subject: string | null;
  subjectBy: string | null;
  subjectAt: Date | null;
  kind: RoomKind;
  groupId: number | null;
  createdBy: number | null;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewRoom {
  domainId: number;
  localpart: string;
  name: string;
  description?: string | null;
  kind: RoomKind;
  groupId?: number | null;
  createdBy?: number | null;
}

export type RoomPatch = Partial<Pick<Room, 'name' | 'description' | 'subject' | 'subjectBy' | 'subjectAt' | 'archived'>>;

export interface RoomsRepo {
  get(id: number): Promise<Room | undefined>;
  getByAddress(domainId: number, localpart: string): Promise<Room | undefined>;
  find(filter?: { domainId?: number; groupId?: number; kind?: RoomKind; ids?: number[] }): Promise<Room[]>;
  insert(room: NewRoom): Promise<Room>;
  update(id: number, patch: RoomPatch): Promise<Room | undefined>;
  delete(id: number): Promise<boolean>;
  /** Accounts added to the room explicitly (private-room members, invited guests). */
  members(roomId: number): Promise<number[]>;
  roomsWithMember(accountId: number): Promise<number[]>;
  addMember(roomId: number, accountId: number, addedBy: number | null): Promise<void>;
  removeMember(roomId: number, accountId: number): Promise<boolean>;
}

export const RIGHT_NAMES = ['read', 'write', 'modify', 'delete', 'rename', 'invite', 'admin'] as const;
export type RightName = (typeof RIGHT_NAMES)[number];
export type Rights = Record<RightName, boolean>;

export type GrantScope = { kind: 'group'; groupId: number } | { kind: 'room'; roomId: number };

export interface Grant {
  id: number;
  scope: GrantScope;
  grantee: Principal;
  rights: Rights;
  grantedBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RightsRepo {
  find(scope: GrantScope): Promise<Grant[]>;
  /** The grants that apply to a room: its own and its group's. */
  findForRoom(roomId: number, groupId: number | null): Promise<Grant[]>;
  /** Inserts or replaces the grant of `grantee` on `scope`. */
  put(scope: GrantScope, grantee: Principal, rights: Rights, grantedBy: number | null): Promise<Grant>;
  delete(scope: GrantScope, grantee: Principal): Promise<boolean>;
}
