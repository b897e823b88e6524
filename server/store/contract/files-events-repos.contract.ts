// Contracts for FilesRepo (upload slots and quota sums) and RoomEventsRepo
// (run on every database by describeAllRepos).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { createAccount, createDomain, uniqueName, useStore, type MakeStore } from './fixtures.js';

export function describeFilesRepo(make: MakeStore): void {
  describe('FilesRepo', () => {
    const store = useStore(make);

    it('stores a pending slot, completes it once, and finds it by token', async () => {
      const { repos } = store();
      const owner = (await createAccount(repos, (await createDomain(repos)).id)).id;
      const token = uniqueName('tok');
      const created = new Date('2026-11-23T10:00:00.123Z');
      const file = await repos.files.insert({ ownerAccountId: owner, token, filename: 'Compte rendu é.pdf', contentType: 'application/pdf', size: 5_000_000_000, storagePath: `${owner}/${token}`, createdAt: created });
      expect(file).toMatchObject({ ownerAccountId: owner, token, filename: 'Compte rendu é.pdf', contentType: 'application/pdf', size: 5_000_000_000, status: 'pending', roomId: null, completedAt: null });
      expect(file.createdAt.getTime()).toBe(created.getTime());
      const done = new Date('2026-11-23T10:01:00.000Z');
      expect(await repos.files.complete(file.id, done)).toBe(true);
      expect(await repos.files.complete(file.id, done)).toBe(false);
      const again = await repos.files.getByToken(token);
      expect(again).toMatchObject({ id: file.id, status: 'complete' });
      expect(again?.completedAt?.getTime()).toBe(done.getTime());
      expect(await repos.files.getByToken('no-such-token')).toBeUndefined();
    });

    it('refuses a second slot with the same token', async () => {
      const { repos } = store();
      const owner = (await createAccount(repos, (await createDomain(repos)).id)).id;
      const token = uniqueName('dup');
      const base = { ownerAccountId: owner, token, filename: 'a.txt', contentType: null, size: 1, storagePath: `${owner}/${token}`, createdAt: new Date() };
      await repos.files.insert(base);
      const error = await repos.files.insert(base).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).condition).toBe('conflict');
    });

    it('sums complete files and live pending slots per account, lists expired slots, deletes', async () => {
      const { repos } = store();
      const domainId = (await createDomain(repos)).id;
      const [owner, other] = [(await createAccount(repos, domainId)).id, (await createAccount(repos, domainId)).id];
      const at = (iso: string): Date => new Date(iso);
      const add = (account: number, size: number, createdAt: Date) => {
        const token = uniqueName('q');
        return repos.files.insert({ ownerAccountId: account, token, filename: 'f.bin', contentType: null, size, storagePath: `${account}/${token}`, createdAt });
      };
      expect(await repos.files.usedBytes(owner, at('2026-01-01T00:00:00Z'))).toBe(0);
      const complete = await add(owner, 1000, at('2026-01-01T00:00:00Z'));
      await repos.files.complete(complete.id, at('2026-01-01T00:00:01Z'));
      const stale = await add(owner, 200, at('2026-01-01T00:00:00Z'));
      await add(owner, 30, at('2026-01-01T01:00:00Z'));
      await add(other, 7, at('2026-01-01T01:00:00Z'));
      expect(await repos.files.usedBytes(owner, at('2026-01-01T00:30:00Z'))).toBe(1030);
      expect(await repos.files.usedBytes(owner, at('2025-12-31T00:00:00Z'))).toBe(1230);
      const expired = (await repos.files.expiredPending(at('2026-01-01T00:30:00Z'), 100)).filter((f) => f.ownerAccountId === owner);
      expect(expired.map((f) => f.id)).toEqual([stale.id]);
      expect(await repos.files.delete(stale.id)).toBe(true);
      expect(await repos.files.delete(stale.id)).toBe(false);
      expect((await repos.files.listByOwner(owner)).map((f) => f.size)).toEqual([1000, 30]);
    });
  });
}

export function describeRoomEventsRepo(make: MakeStore): void {
  describe('RoomEventsRepo', () => {
    const store = useStore(make);

    it('creates, lists by start time, gets and deletes the events of one room', async () => {
      const { repos } = store();
      const domainId = (await createDomain(repos)).id;
      const creator = (await createAccount(repos, domainId)).id;
      const room = await repos.rooms.insert({ domainId, localpart: uniqueName('ev'), name: 'Events', kind: 'private', createdBy: creator });
      const otherRoom = await repos.rooms.insert({ domainId, localpart: uniqueName('ev'), name: 'Other', kind: 'private', createdBy: creator });
      const later = await repos.roomEvents.insert({ roomId: room.id, title: 'Assemblée générale ✓', startsAt: new Date('2026-12-10T18:00:00.250Z'), endsAt: new Date('2026-12-10T20:00:00Z'), description: 'Ordre du jour', conferenceUrl: 'https://meet.jit.si/abc', createdBy: creator });
      const sooner = await repos.roomEvents.insert({ roomId: room.id, title: 'Réunion', startsAt: new Date('2026-12-01T09:00:00Z'), endsAt: null, description: null, conferenceUrl: null, createdBy: creator });
      await repos.roomEvents.insert({ roomId: otherRoom.id, title: 'Elsewhere', startsAt: new Date('2026-11-30T09:00:00Z'), endsAt: null, description: null, conferenceUrl: null, createdBy: creator });
      expect(later).toMatchObject({ roomId: room.id, title: 'Assemblée générale ✓', description: 'Ordre du jour', conferenceUrl: 'https://meet.jit.si/abc', createdBy: creator });
      expect(later.startsAt.toISOString()).toBe('2026-12-10T18:00:00.250Z');
      expect(later.endsAt?.toISOString()).toBe('2026-12-10T20:00:00.000Z');
      expect((await repos.roomEvents.listByRoom(room.id)).map((e) => e.id)).toEqual([sooner.id, later.id]);
      expect(await repos.roomEvents.get(sooner.id)).toMatchObject({ title: 'Réunion', endsAt: null, description: null, conferenceUrl: null });
      expect(await repos.roomEvents.delete(sooner.id)).toBe(true);
      expect(await repos.roomEvents.delete(sooner.id)).toBe(false);
      expect(await repos.roomEvents.get(sooner.id)).toBeUndefined();
      expect((await repos.roomEvents.listByRoom(room.id)).map((e) => e.id)).toEqual([later.id]);
    });

    it('keeps an event when its creator is deleted, and refuses an unknown room', async () => {
      const { repos } = store();
      const domainId = (await createDomain(repos)).id;
      const creator = (await createAccount(repos, domainId)).id;
      const room = await repos.rooms.insert({ domainId, localpart: uniqueName('ev'), name: 'Events', kind: 'private' });
      const event = await repos.roomEvents.insert({ roomId: room.id, title: 'Kept', startsAt: new Date('2026-12-01T09:00:00Z'), endsAt: null, description: null, conferenceUrl: null, createdBy: creator });
      await repos.accounts.delete(creator);
      expect((await repos.roomEvents.get(event.id))?.createdBy).toBeNull();
      const error = await repos.roomEvents.insert({ roomId: 999_999_999, title: 'Nowhere', startsAt: new Date(), endsAt: null, description: null, conferenceUrl: null, createdBy: creator }).then(() => undefined, (e: unknown) => e);
      expect((error as AppError).condition).toBe('item-not-found');
    });
  });
}
