// Contract for RosterRepo (run on every database by describeAllRepos).
import { describe, expect, it } from 'vitest';
import type { RosterItem } from '../types.js';
import { createAccount, createDomain, useStore, type MakeStore } from './fixtures.js';

function item(jid: string, extra: Partial<RosterItem> = {}): RosterItem {
  return { jid, name: null, subscription: 'none', askOut: false, pendingIn: false, approved: false, groups: [], ...extra };
}

export function describeRosterRepo(make: MakeStore): void {
  describe('RosterRepo', () => {
    const store = useStore(make);
    const newAccount = async (): Promise<number> => {
      const { repos } = store();
      return (await createAccount(repos, (await createDomain(repos)).id)).id;
    };

    it('puts and reads items with every field', async () => {
      const { roster } = store().repos;
      const owner = await newAccount();
      const full = item('juliet@capulet.example', {
        name: 'Juliet 🌹', subscription: 'both', askOut: true, pendingIn: true, approved: true, groups: ['Friends', 'Família'],
      });
      await roster.put(owner, full);
      expect(await roster.get(owner, full.jid)).toEqual({ ...full, groups: ['Friends', 'Família'].sort() });
      expect(await roster.get(owner, 'nobody@capulet.example')).toBeUndefined();
    });

    it('replaces an item and its groups on put', async () => {
      const { roster } = store().repos;
      const owner = await newAccount();
      await roster.put(owner, item('romeo@montague.example', { name: 'R', groups: ['A', 'B'] }));
      await roster.put(owner, item('romeo@montague.example', { subscription: 'to', groups: ['B', 'C', 'C'] }));
      expect(await roster.get(owner, 'romeo@montague.example')).toEqual(
        item('romeo@montague.example', { subscription: 'to', groups: ['B', 'C'] }),
      );
      await roster.put(owner, item('romeo@montague.example'));
      expect((await roster.get(owner, 'romeo@montague.example'))?.groups).toEqual([]);
      expect(await roster.find(owner)).toHaveLength(1);
    });

    it('lists one account’s items sorted by JID', async () => {
      const { roster } = store().repos;
      const [owner, other] = [await newAccount(), await newAccount()];
      await roster.put(owner, item('zed@example.org', { groups: ['Z'] }));
      await roster.put(owner, item('amy@example.org'));
      await roster.put(other, item('bob@example.org'));
      const items = await roster.find(owner);
      expect(items.map((i) => i.jid)).toEqual(['amy@example.org', 'zed@example.org']);
      expect(items[1]?.groups).toEqual(['Z']);
      expect(await roster.find(await newAccount())).toEqual([]);
    });

    it('deletes an item', async () => {
      const { roster } = store().repos;
      const owner = await newAccount();
      await roster.put(owner, item('gone@example.org', { groups: ['G'] }));
      expect(await roster.delete(owner, 'gone@example.org')).toBe(true);
      expect(await roster.delete(owner, 'gone@example.org')).toBe(false);
      expect(await roster.get(owner, 'gone@example.org')).toBeUndefined();
    });

    it('goes away with the account', async () => {
      const { repos } = store();
      const owner = await newAccount();
      await repos.roster.put(owner, item('x@example.org', { groups: ['G'] }));
      await repos.accounts.delete(owner);
      expect(await repos.roster.find(owner)).toEqual([]);
    });
  });
}
