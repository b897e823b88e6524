// Contract for PinsRepo (room pins, `urn:causerie:pins:0`): run on every
// database by describeAllRepos.
import { describe, expect, it } from 'vitest';
import { createAccount, createDomain, createRoom, useStore, type MakeStore } from './fixtures.js';

export function describePinsRepo(make: MakeStore): void {
  describe('PinsRepo', () => {
    const store = useStore(make);

    it('pins once per room and message, lists oldest first, unpins', async () => {
      const { repos, knex } = store();
      const domainId = (await createDomain(repos)).id;
      const [room, other] = [await createRoom(knex, domainId), await createRoom(knex, domainId)];
      const [zoe, yan] = [await createAccount(repos, domainId), await createAccount(repos, domainId)];
      const at = new Date(Date.UTC(2026, 4, 1, 12, 0, 0, 123));
      expect(await repos.pins.add({ roomId: room, stanzaId: 's1', pinnedBy: zoe.id, createdAt: at })).toBe(true);
      expect(await repos.pins.add({ roomId: room, stanzaId: 's2', pinnedBy: yan.id, createdAt: new Date(at.getTime() + 1) })).toBe(true);
      expect(await repos.pins.add({ roomId: room, stanzaId: 's1', pinnedBy: yan.id, createdAt: new Date(at.getTime() + 2) })).toBe(false);
      expect(await repos.pins.add({ roomId: other, stanzaId: 's1', pinnedBy: yan.id, createdAt: at })).toBe(true);
      expect(await repos.pins.list(room)).toEqual([
        { roomId: room, stanzaId: 's1', pinnedBy: zoe.id, createdAt: at },
        { roomId: room, stanzaId: 's2', pinnedBy: yan.id, createdAt: new Date(at.getTime() + 1) },
      ]);
      expect(await repos.pins.remove(room, 's1')).toBe(true);
      expect(await repos.pins.remove(room, 's1')).toBe(false);
      expect((await repos.pins.list(room)).map((p) => p.stanzaId)).toEqual(['s2']);
      expect((await repos.pins.list(other)).map((p) => p.stanzaId)).toEqual(['s1']);
    });

    it('keeps a pin whose author is deleted, without an author', async () => {
      const { repos, knex } = store();
      const domainId = (await createDomain(repos)).id;
      const room = await createRoom(knex, domainId);
      const gone = await createAccount(repos, domainId);
      await repos.pins.add({ roomId: room, stanzaId: 's9', pinnedBy: gone.id, createdAt: new Date() });
      await repos.accounts.delete(gone.id);
      expect((await repos.pins.list(room)).map((p) => p.pinnedBy)).toEqual([null]);
    });
  });
}
