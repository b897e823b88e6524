// One typed function per REST endpoint of admin-console/api/openapi.ts, so
// pages never spell paths. Path parameters are always escaped.

import type { ApiClient } from './client.js';
import type {
  Account, AuditEntry, BulkResult, Discovery, Domain, Feature, Grant, Group, GroupAccess, Guest, HostMode, HostService,
  List, MemberRef, Page, PresetName, Principal, PrincipalType, RightName, Room, ServiceHost, ServiceUrl, Session, Status, Tristate, UrlCheck, UrlName,
} from './types.js';

const e = encodeURIComponent;

export interface AccountPatch {
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  description?: string | null;
  email?: string | null;
  language?: string | null;
  disabled?: boolean;
  serverAdmin?: boolean;
  /** Upload quota in bytes; null = the server's default. */
  quotaBytes?: number | null;
  /** Your own password: required to grant serverAdmin. */
  currentPassword?: string;
  groupware?: Tristate;
  webdav?: Tristate;
  teamchat?: Tristate;
}

export type GrantInput = { preset: PresetName } | { rights: RightName[] };
export type RightsScope = { kind: 'group'; id: number } | { kind: 'room'; id: number };

function scopePath(scope: RightsScope): string {
  return scope.kind === 'group' ? `/api/groups/${scope.id}/rights` : `/api/rooms/${scope.id}/rights`;
}

export function endpoints(api: ApiClient) {
  return {
    session: () => api.get<Session>('/api/session'),
    login: (jid: string, password: string) => api.post<Session>('/api/session', { jid, password }),
    logout: () => api.delete<void>('/api/session'),

    status: () => api.get<Status>('/api/status'),
    setService: (running: boolean, currentPassword?: string) =>
      api.put<{ running: boolean }>('/api/teamchat/service', currentPassword === undefined ? { running } : { running, currentPassword }),

    domains: () => api.get<List<Domain>>('/api/domains'),
    domain: (name: string) => api.get<Domain>(`/api/domains/${e(name)}`),
    createDomain: (body: { name: string; kind?: 'regular' | 'guest'; description?: string | null }) => api.post<Domain>('/api/domains', body),
    updateDomain: (name: string, patch: Partial<Record<Feature, boolean>> & { description?: string | null }) => api.patch<Domain>(`/api/domains/${e(name)}`, patch),
    addDomainAdmin: (name: string, accountId: number, currentPassword: string) => api.put<void>(`/api/domains/${e(name)}/admins/${accountId}`, { currentPassword }),
    removeDomainAdmin: (name: string, accountId: number) => api.delete<void>(`/api/domains/${e(name)}/admins/${accountId}`),

    accounts: (query: { domain?: string; search?: string; kind?: 'user' | 'guest'; limit?: number; offset?: number }) => api.get<Page<Account>>('/api/accounts', query),
    account: (id: number) => api.get<Account>(`/api/accounts/${id}`),
    createAccount: (body: { jid: string; password: string; displayName?: string | null; firstName?: string | null; lastName?: string | null; email?: string | null }) =>
      api.post<Account>('/api/accounts', body),
    updateAccount: (id: number, patch: AccountPatch) => api.patch<Account>(`/api/accounts/${id}`, patch),
    deleteAccount: (id: number, currentPassword: string) => api.delete<void>(`/api/accounts/${id}`, { currentPassword }),
    setPassword: (id: number, password: string, currentPassword: string) => api.put<void>(`/api/accounts/${id}/password`, { password, currentPassword }),

    groups: (query: { domain?: string; search?: string } = {}) => api.get<List<Group>>('/api/groups', query),
    group: (id: number) => api.get<Group>(`/api/groups/${id}`),
    createGroup: (body: { domain: string; name: string; alias: string; access?: GroupAccess; description?: string | null }) => api.post<Group>('/api/groups', body),
    updateGroup: (id: number, patch: { name?: string; access?: GroupAccess; description?: string | null }) => api.patch<Group>(`/api/groups/${id}`, patch),
    deleteGroup: (id: number, currentPassword: string) => api.delete<void>(`/api/groups/${id}`, { currentPassword }),
    members: (id: number) => api.get<List<Principal>>(`/api/groups/${id}/members`),
    addMember: (id: number, member: MemberRef) => api.post<Principal>(`/api/groups/${id}/members`, member),
    removeMember: (id: number, type: PrincipalType, principalId: number) => api.delete<void>(`/api/groups/${id}/members/${type}/${principalId}`),
    addManager: (id: number, accountId: number) => api.put<void>(`/api/groups/${id}/managers/${accountId}`),
    removeManager: (id: number, accountId: number) => api.delete<void>(`/api/groups/${id}/managers/${accountId}`),
    setGroupTeamChat: (id: number, enabled: boolean) => api.put<List<Room>>(`/api/groups/${id}/teamchat`, { enabled }),
    groupRooms: (id: number) => api.get<List<Room>>(`/api/groups/${id}/rooms`),
    addGroupRoom: (id: number, name: string) => api.post<Room>(`/api/groups/${id}/rooms`, { name }),
    room: (id: number) => api.get<Room>(`/api/rooms/${id}`),

    rights: (scope: RightsScope) => api.get<List<Grant>>(scopePath(scope)),
    setRight: (scope: RightsScope, type: PrincipalType, principalId: number, input: GrantInput) => api.put<Grant>(`${scopePath(scope)}/${type}/${principalId}`, input),
    removeRight: (scope: RightsScope, type: PrincipalType, principalId: number) => api.delete<void>(`${scopePath(scope)}/${type}/${principalId}`),

    guests: (query: { search?: string; limit?: number; offset?: number }) => api.get<Page<Guest>>('/api/guests', query),
    guest: (id: number) => api.get<Guest>(`/api/guests/${id}`),
    updateGuest: (id: number, patch: { firstName?: string | null; lastName?: string | null; description?: string | null }) => api.patch<Guest>(`/api/guests/${id}`, patch),
    deleteGuest: (id: number, currentPassword: string) => api.delete<void>(`/api/guests/${id}`, { currentPassword }),
    deleteGuests: (ids: number[], currentPassword: string) => api.post<BulkResult>('/api/guests/delete', { ids, currentPassword }),
    resetGuestPassword: (id: number, currentPassword: string, password?: string) =>
      api.post<{ password: string; generated: boolean }>(`/api/guests/${id}/password`, password === undefined ? { currentPassword } : { password, currentPassword }),

    discovery: () => api.get<Discovery>('/api/discovery'),
    setPublicHost: (host: string) => api.put<{ host: string }>('/api/discovery/public-host', { host }),
    addHost: (body: { service: HostService; host: string; port: number; mode: HostMode }) => api.post<ServiceHost>('/api/discovery/hosts', body),
    updateHost: (id: number, body: { service: HostService; host: string; port: number; mode: HostMode }) => api.put<ServiceHost>(`/api/discovery/hosts/${id}`, body),
    deleteHost: (id: number) => api.delete<void>(`/api/discovery/hosts/${id}`),
    checkUrl: (url: string) => api.post<UrlCheck>('/api/discovery/check', { url }),
    setUrl: (name: UrlName, url: string) => api.put<ServiceUrl>(`/api/discovery/urls/${e(name)}`, { url }),
    deleteUrl: (name: UrlName) => api.delete<void>(`/api/discovery/urls/${e(name)}`),

    audit: (query: { limit?: number; offset?: number }) => api.get<List<AuditEntry>>('/api/audit', query),
  };
}

export type Endpoints = ReturnType<typeof endpoints>;
