// Contract for the room message features on ArchiveRepo: threads, messages
// acting on others (corrections, retractions, reactions), the sender's own
// ids and the corrected text search sees. Run by describeArchiveRepo.
import { describe, expect, it } from 'vitest';
import type { ArchiveOwner } from '../types.js';
import { idsOf, message } from './archive-fixtures.js';
import { createAccount, createDomain, createRoom, type StoreHandle } from './fixtures.js';

export function describeArchiveRelations(store: () => StoreHandle): void {
  describe('room message relations', () => {
    const roomOwner = async (): Promise<{ owner: ArchiveOwner; zoe: number; yan: number }> => {
      const { repos, knex } = store();
      const domainId = (await createDomain(repos)).id;
      return {
        owner: { kind: 'room', roomId: await createRoom(knex, domainId) },
        zoe: (await createAccount(repos, domainId)).id,
        yan: (await createAccount(repos, domainId)).id,
      };
    };

    it('stores threads and relations, and filters a thread', async () => {
      const { repos } = store();
      const { owner, zoe } = await roomOwner();
      await repos.archive.insertMany([
        message(owner, 1, { thread: 'th-1' }),
        message(owner, 2),
        message(owner, 3, { thread: 'th-1', appliesTo: { stanzaId: 'm1', kind: 'correction' }, senderAccountId: zoe }),
        message(owner, 4, { thread: 'th-2' }),
      ]);
      expect(idsOf(await repos.archive.query({ owner, thread: 'th-1', limit: 50 }))).toEqual(['m1', 'm3']);
      expect((await repos.archive.query({ owner, thread: 'th-1', limit: 50 })).count).toBe(2);
      const read = await repos.archive.getByStanzaId(owner, 'm3');
      expect(read).toMatchObject({ thread: 'th-1', appliesTo: { stanzaId: 'm1', kind: 'correction' } });
      expect(await repos.archive.getByStanzaId(owner, 'm2')).not.toHaveProperty('thread');
      expect((await repos.archive.findApplying(owner, 'm1', 'correction')).map((m) => m.stanzaId)).toEqual(['m3']);
      expect(await repos.archive.findApplying(owner, 'm1', 'reaction')).toEqual([]);
    });

    it('finds the newest message by its sender’s id, from one sender or any', async () => {
      const { repos } = store();
      const { owner, zoe, yan } = await roomOwner();
      await repos.archive.insertMany([
        message(owner, 1, { originId: 'same', senderAccountId: zoe }),
        message(owner, 2, { originId: 'same', senderAccountId: zoe }),
        message(owner, 3, { originId: 'same', senderAccountId: yan }),
      ]);
      expect((await repos.archive.findByOriginId(owner, 'same', zoe))?.stanzaId).toBe('m2');
      expect((await repos.archive.findByOriginId(owner, 'same', yan))?.stanzaId).toBe('m3');
      expect((await repos.archive.findByOriginId(owner, 'same'))?.stanzaId).toBe('m3');
      expect(await repos.archive.findByOriginId(owner, 'other', yan)).toBeUndefined();
    });

    it('replaces the text search sees, not for retracted messages', async () => {
      const { repos } = store();
      const { owner } = await roomOwner();
      await repos.archive.insertMany([message(owner, 1, { body: 'tyop here' }), message(owner, 2, { body: 'gone soon' })]);
      expect(await repos.archive.replaceSearchBody(owner, 'm1', 'typo fixed')).toBe(true);
      expect(idsOf(await repos.archive.query({ owner, text: 'tyop', limit: 50 }))).toEqual([]);
      expect(idsOf(await repos.archive.query({ owner, text: 'fixed', limit: 50 }))).toEqual(['m1']);
      await repos.archive.markRetracted(owner, 'm2', '<message/>');
      expect(await repos.archive.replaceSearchBody(owner, 'm2', 'back again')).toBe(false);
      expect(idsOf(await repos.archive.query({ owner, text: 'again', limit: 50 }))).toEqual([]);
    });

    it('deletes one sender’s older relations of a kind, never newer ones', async () => {
      const { repos } = store();
      const { owner, zoe, yan } = await roomOwner();
      const reaction = { stanzaId: 'm1', kind: 'reaction' as const };
      await repos.archive.insertMany([
        message(owner, 1),
        message(owner, 2, { appliesTo: reaction, senderAccountId: zoe }),
        message(owner, 3, { appliesTo: reaction, senderAccountId: yan }),
        message(owner, 4, { appliesTo: reaction, senderAccountId: zoe }),
        message(owner, 5, { appliesTo: { stanzaId: 'm1', kind: 'correction' }, senderAccountId: zoe }),
      ]);
      // A clean-up that runs late never removes a newer set.
      expect(await repos.archive.deleteApplying(owner, 'm1', 'reaction', zoe, 'm2')).toBe(0);
      expect(await repos.archive.deleteApplying(owner, 'm1', 'reaction', zoe, 'm4')).toBe(1);
      expect((await repos.archive.findApplying(owner, 'm1', 'reaction')).map((m) => m.stanzaId)).toEqual(['m3', 'm4']);
      expect((await repos.archive.findApplying(owner, 'm1', 'reaction', zoe)).map((m) => m.stanzaId)).toEqual(['m4']);
      expect((await repos.archive.findApplying(owner, 'm1', 'correction')).map((m) => m.stanzaId)).toEqual(['m5']);
    });
  });
}
