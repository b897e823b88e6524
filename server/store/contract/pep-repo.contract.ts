// Contract for PepRepo (run on every database by describeAllRepos).
import { describe, expect, it } from 'vitest';
import type { PepItem } from '../types.js';
import { createAccount, createDomain, useStore, type MakeStore } from './fixtures.js';

const NODE = 'urn:xmpp:avatar:metadata';
const at = (ms: number): Date => new Date(Date.UTC(2026, 0, 1) + ms);
const pepItem = (itemId: string, ms: number, node = NODE): PepItem => ({ node, itemId, payload: `<p id="${itemId}"/>`, publishedAt: at(ms) });

export function describePepRepo(make: MakeStore): void {
  describe('PepRepo', () => {
    const store = useStore(make);
    const newAccount = async (): Promise<number> => {
      const { repos } = store();
      return (await createAccount(repos, (await createDomain(repos)).id)).id;
    };

    it('creates, reconfigures, lists and deletes nodes', async () => {
      const { pep } = store().repos;
      const owner = await newAccount();
      expect(await pep.getNode(owner, NODE)).toBeUndefined();
      await pep.putNode(owner, NODE, { accessModel: 'open', maxItems: 1, persistItems: true });
      await pep.putNode(owner, 'urn:xmpp:bookmarks:1', { accessModel: 'whitelist', maxItems: 100, persistItems: true });
      await pep.putNode(owner, NODE, { accessModel: 'roster', maxItems: 5, persistItems: false });
      expect(await pep.getNode(owner, NODE)).toEqual({ accessModel: 'roster', maxItems: 5, persistItems: false });
      expect(await pep.listNodes(owner)).toEqual(['urn:xmpp:avatar:metadata', 'urn:xmpp:bookmarks:1']);
      expect(await pep.deleteNode(owner, NODE)).toBe(true);
      expect(await pep.deleteNode(owner, NODE)).toBe(false);
      expect(await pep.listNodes(owner)).toEqual(['urn:xmpp:bookmarks:1']);
    });

    it('keeps only the maxItems newest items, newest first', async () => {
      const { pep } = store().repos;
      const owner = await newAccount();
      await pep.putNode(owner, NODE, { accessModel: 'presence', maxItems: 2, persistItems: true });
      for (const [id, ms] of [['a', 1], ['b', 2], ['c', 3]] as const) await pep.putItem(owner, pepItem(id, ms), 2);
      expect((await pep.findItems(owner, NODE)).map((i) => i.itemId)).toEqual(['c', 'b']);
      // Re-publishing an id replaces it and makes it the newest.
      await pep.putItem(owner, { ...pepItem('b', 4), payload: '<p v="2"/>' }, 2);
      const items = await pep.findItems(owner, NODE);
      expect(items.map((i) => [i.itemId, i.payload])).toEqual([['b', '<p v="2"/>'], ['c', '<p id="c"/>']]);
      expect(items[0]).toEqual({ node: NODE, itemId: 'b', payload: '<p v="2"/>', publishedAt: at(4) });
      await pep.putItem(owner, pepItem('d', 5), 1);
      expect((await pep.findItems(owner, NODE)).map((i) => i.itemId)).toEqual(['d']);
    });

    it('finds items by limit and ids', async () => {
      const { pep } = store().repos;
      const owner = await newAccount();
      for (const [id, ms] of [['x', 1], ['y', 2], ['z', 3]] as const) await pep.putItem(owner, pepItem(id, ms), 10);
      expect((await pep.findItems(owner, NODE, 2)).map((i) => i.itemId)).toEqual(['z', 'y']);
      expect((await pep.findItems(owner, NODE, undefined, ['x', 'z', 'nope'])).map((i) => i.itemId)).toEqual(['z', 'x']);
      expect(await pep.findItems(owner, 'no-such-node')).toEqual([]);
    });

    it('auto-creates a node on first publish', async () => {
      const { pep } = store().repos;
      const owner = await newAccount();
      await pep.putItem(owner, pepItem('current', 1, 'urn:xmpp:nickname'), 1);
      expect(await pep.getNode(owner, 'urn:xmpp:nickname')).toMatchObject({ maxItems: 1 });
      expect(await pep.listNodes(owner)).toEqual(['urn:xmpp:nickname']);
    });

    it('deletes items, and all of them with their node', async () => {
      const { pep } = store().repos;
      const [owner, other] = [await newAccount(), await newAccount()];
      await pep.putItem(owner, pepItem('i1', 1), 10);
      await pep.putItem(owner, pepItem('i2', 2), 10);
      await pep.putItem(other, pepItem('i1', 1), 10);
      expect(await pep.deleteItem(owner, NODE, 'i1')).toBe(true);
      expect(await pep.deleteItem(owner, NODE, 'i1')).toBe(false);
      expect((await pep.findItems(other, NODE)).map((i) => i.itemId)).toEqual(['i1']);
      await pep.deleteNode(owner, NODE);
      expect(await pep.findItems(owner, NODE)).toEqual([]);
    });
  });
}
