// Contract for ArchiveRepo: storage, XEP-0313 filters and RSM paging (run on
// every database by describeAllRepos; full-text search is in archive-search.contract.ts).
import { describe, expect, it } from 'vitest';
import type { ArchiveOwner } from '../types.js';
import { idsOf, message, messages, T0 } from './archive-fixtures.js';
import { describeArchiveRelations } from './archive-relations.contract.js';
import { describeArchiveSearch } from './archive-search.contract.js';
import { appErrorOf, createAccount, createDomain, createRoom, useStore, type MakeStore } from './fixtures.js';

export function describeArchiveRepo(make: MakeStore): void {
  describe('ArchiveRepo', () => {
    const store = useStore(make);
    const userOwner = async (): Promise<ArchiveOwner> => {
      const { repos } = store();
      return { kind: 'user', accountId: (await createAccount(repos, (await createDomain(repos)).id)).id };
    };
    /** An owner holding messages m1…m10. */
    const ownerWithTen = async (): Promise<ArchiveOwner> => {
      const owner = await userOwner();
      await store().repos.archive.insertMany(messages(owner, 10));
      return owner;
    };

    it('stores every field and reads it back by stanza id', async () => {
      const { repos, knex } = store();
      const domain = await createDomain(repos);
      const sender = await createAccount(repos, domain.id);
      const room: ArchiveOwner = { kind: 'room', roomId: await createRoom(knex, domain.id) };
      const stored = message(room, 1, { senderAccountId: sender.id, senderName: 'Zoë 🎉', body: 'Grüße 👋', fromJid: 'room@conf.example/Zoë' });
      await repos.archive.insertMany([stored]);
      const read = await repos.archive.getByStanzaId(room, 'm1');
      expect(read).toEqual({ ...stored, id: read?.id, retracted: false });
      expect(read?.timestamp.getTime()).toBe(T0 + 1);
      expect(await repos.archive.getByStanzaId(room, 'nope')).toBeUndefined();
      expect(await repos.archive.getByStanzaId(await userOwner(), 'm1')).toBeUndefined();
    });

    it('pages forward with afterId and reports completeness and count', async () => {
      const { archive } = store().repos;
      const owner = await ownerWithTen();
      const first = await archive.query({ owner, limit: 4 });
      expect(first).toMatchObject({ complete: false, count: 10 });
      expect(idsOf(first)).toEqual(['m1', 'm2', 'm3', 'm4']);
      const second = await archive.query({ owner, limit: 4, afterId: 'm4' });
      expect(idsOf(second)).toEqual(['m5', 'm6', 'm7', 'm8']);
      expect(second.complete).toBe(false);
      const last = await archive.query({ owner, limit: 4, afterId: 'm8' });
      expect(idsOf(last)).toEqual(['m9', 'm10']);
      expect(last).toMatchObject({ complete: true, count: 10 });
      expect(await archive.query({ owner, limit: 4, afterId: 'm10' })).toMatchObject({ messages: [], complete: true });
      expect((await archive.query({ owner, limit: 10 })).complete).toBe(true);
    });

    it('pages backward from the end with last and beforeId, in chronological order', async () => {
      const { archive } = store().repos;
      const owner = await ownerWithTen();
      const last = await archive.query({ owner, limit: 4, last: true });
      expect(idsOf(last)).toEqual(['m7', 'm8', 'm9', 'm10']);
      expect(last).toMatchObject({ complete: false, count: 10 });
      expect(idsOf(await archive.query({ owner, limit: 4, beforeId: 'm7' }))).toEqual(['m3', 'm4', 'm5', 'm6']);
      const first = await archive.query({ owner, limit: 4, beforeId: 'm3' });
      expect(idsOf(first)).toEqual(['m1', 'm2']);
      expect(first.complete).toBe(true);
    });

    it('combines afterId and beforeId, and answers limit 0 with the count only', async () => {
      const { archive } = store().repos;
      const owner = await ownerWithTen();
      const between = await archive.query({ owner, limit: 10, afterId: 'm3', beforeId: 'm7' });
      expect(idsOf(between)).toEqual(['m4', 'm5', 'm6']);
      expect(between.complete).toBe(true);
      expect(await archive.query({ owner, limit: 0 })).toEqual({ messages: [], complete: false, count: 10 });
    });

    it('refuses an unknown RSM id with item-not-found', async () => {
      const { archive } = store().repos;
      const owner = await ownerWithTen();
      expect((await appErrorOf(archive.query({ owner, limit: 5, afterId: 'missing' }))).condition).toBe('item-not-found');
      expect((await appErrorOf(archive.query({ owner, limit: 5, beforeId: 'missing' }))).condition).toBe('item-not-found');
    });

    it('filters by with, start/end (inclusive, to the millisecond) and ids', async () => {
      const { archive } = store().repos;
      const owner = await userOwner();
      await archive.insertMany([
        ...messages(owner, 6),
        message(owner, 7, { withJid: 'other@example.org' }),
        message(owner, 8, { withJid: 'other@example.org' }),
      ]);
      const withOther = await archive.query({ owner, withJid: 'other@example.org', limit: 1 });
      expect(idsOf(withOther)).toEqual(['m7']);
      expect(withOther).toMatchObject({ count: 2, complete: false });
      const range = await archive.query({ owner, start: new Date(T0 + 3), end: new Date(T0 + 5), limit: 10 });
      expect(idsOf(range)).toEqual(['m3', 'm4', 'm5']);
      expect(range.count).toBe(3);
      expect(idsOf(await archive.query({ owner, ids: ['m2', 'm8', 'nope'], limit: 10 }))).toEqual(['m2', 'm8']);
      const combined = await archive.query({ owner, withJid: 'peer@example.org', start: new Date(T0 + 6), limit: 10 });
      expect(idsOf(combined)).toEqual(['m6']);
    });

    it('keeps owners apart: same stanza id in two archives, queries and deletes per owner', async () => {
      const { repos, knex } = store();
      const [alice, bob] = [await ownerWithTen(), await ownerWithTen()];
      const room: ArchiveOwner = { kind: 'room', roomId: await createRoom(knex, (await createDomain(repos)).id) };
      await repos.archive.insertMany(messages(room, 3));
      expect((await repos.archive.query({ owner: room, limit: 50 })).count).toBe(3);
      await repos.archive.deleteOwner(alice);
      expect((await repos.archive.query({ owner: alice, limit: 50 })).count).toBe(0);
      expect((await repos.archive.query({ owner: bob, limit: 50 })).count).toBe(10);
      expect((await repos.archive.query({ owner: room, limit: 50 })).count).toBe(3);
    });

    it('refuses a duplicate stanza id with a conflict and inserts nothing of that batch', async () => {
      const { archive } = store().repos;
      const owner = await ownerWithTen();
      const error = await appErrorOf(archive.insertMany([message(owner, 11), message(owner, 5)]));
      expect(error.condition).toBe('conflict');
      expect(await archive.getByStanzaId(owner, 'm11')).toBeUndefined();
      expect((await archive.query({ owner, limit: 0 })).count).toBe(10);
    });

    it('inserts large batches in one call', async () => {
      const { archive } = store().repos;
      const owner = await userOwner();
      await archive.insertMany(messages(owner, 600));
      const page = await archive.query({ owner, limit: 2, last: true });
      expect(idsOf(page)).toEqual(['m599', 'm600']);
      expect(page.count).toBe(600);
    });

    it('replaces a retracted message with its tombstone', async () => {
      const { archive } = store().repos;
      const owner = await ownerWithTen();
      expect(await archive.markRetracted(owner, 'm2', '<message id="2"><retracted/></message>')).toBe(true);
      expect(await archive.markRetracted(owner, 'missing', '<x/>')).toBe(false);
      const read = await archive.getByStanzaId(owner, 'm2');
      expect(read).toMatchObject({ retracted: true, body: null, stanza: '<message id="2"><retracted/></message>' });
      expect(idsOf(await archive.query({ owner, limit: 3 }))).toEqual(['m1', 'm2', 'm3']);
    });

    it('keeps messages whose sender account is deleted, without the link', async () => {
      const { repos } = store();
      const owner = await userOwner();
      const sender = await createAccount(repos, (await createDomain(repos)).id);
      await repos.archive.insertMany([message(owner, 1, { senderAccountId: sender.id })]);
      await repos.accounts.delete(sender.id);
      expect(await repos.archive.getByStanzaId(owner, 'm1')).toMatchObject({ senderAccountId: null, body: 'message number 1' });
    });

    describeArchiveSearch(store, userOwner);
    describeArchiveRelations(store);
  });
}
