// Contract for ArchiveRepo full-text search (InnoDB FULLTEXT / SQLite FTS5).
// Words are at least 4 letters: InnoDB does not index words shorter than
// innodb_ft_min_token_size (3 by default).
import { describe, expect, it } from 'vitest';
import type { ArchiveOwner } from '../types.js';
import { idsOf, message } from './archive-fixtures.js';
import type { StoreHandle } from './fixtures.js';

const BODIES = [
  'Meeting about the budget tomorrow',
  'The cafeteria’s menu: lasagna and salad',
  "Don't forget the \"quarterly\" report",
  'Rendez-vous à l’école après la réunion',
  'Budget approved, meeting cancelled',
  'Photos from the weekend',
];

export function describeArchiveSearch(store: () => StoreHandle, newOwner: () => Promise<ArchiveOwner>): void {
  describe('full-text search', () => {
    const ownerWithBodies = async (): Promise<ArchiveOwner> => {
      const owner = await newOwner();
      await store().repos.archive.insertMany(BODIES.map((body, i) => message(owner, i + 1, { body })));
      return owner;
    };
    const search = async (owner: ArchiveOwner, text: string): Promise<string[]> =>
      idsOf(await store().repos.archive.query({ owner, text, limit: 50 }));

    it('finds messages containing every word, case-insensitively', async () => {
      const owner = await ownerWithBodies();
      expect(await search(owner, 'budget')).toEqual(['m1', 'm5']);
      expect(await search(owner, 'MEETING budget')).toEqual(['m1', 'm5']);
      expect(await search(owner, 'budget approved')).toEqual(['m5']);
      expect(await search(owner, 'lasagna')).toEqual(['m2']);
    });

    it('matches word prefixes and ignores accents', async () => {
      const owner = await ownerWithBodies();
      expect(await search(owner, 'quarter')).toEqual(['m3']);
      expect(await search(owner, 'ecole reunion')).toEqual(['m4']);
      expect(await search(owner, 'réunion')).toEqual(['m4']);
    });

    it('misses when a word is absent', async () => {
      const owner = await ownerWithBodies();
      expect(await search(owner, 'holiday')).toEqual([]);
      expect(await search(owner, 'budget holiday')).toEqual([]);
      expect((await store().repos.archive.query({ owner, text: 'holiday', limit: 10 })).count).toBe(0);
    });

    it('treats quotes, apostrophes, stars and operators as plain text', async () => {
      const owner = await ownerWithBodies();
      expect(await search(owner, "cafeteria's")).toEqual(['m2']);
      expect(await search(owner, '"quarterly"')).toEqual(['m3']);
      expect(await search(owner, "don't forget")).toEqual(['m3']);
      expect(await search(owner, 'menu*')).toEqual(['m2']);
      expect(await search(owner, '+photos -weekend')).toEqual(['m6']);
      for (const text of ['"', "'", '*', '"unbalanced', 'NEAR(a b)', 'a OR b', '(menu', '-', '@weekend', '~menu', '\\', 'menu:lasagna']) {
        await expect(store().repos.archive.query({ owner, text, limit: 10 })).resolves.toBeDefined();
      }
    });

    it('combines text with other filters, paging and owners', async () => {
      const { archive } = store().repos;
      const owner = await ownerWithBodies();
      const other = await ownerWithBodies();
      const first = await archive.query({ owner, text: 'budget', limit: 1 });
      expect(idsOf(first)).toEqual(['m1']);
      expect(first).toMatchObject({ complete: false, count: 2 });
      expect(idsOf(await archive.query({ owner, text: 'budget', limit: 1, afterId: 'm1' }))).toEqual(['m5']);
      expect(idsOf(await archive.query({ owner: other, text: 'budget', limit: 10, ids: ['m5'] }))).toEqual(['m5']);
    });

    it('excludes retracted messages', async () => {
      const { archive } = store().repos;
      const owner = await ownerWithBodies();
      await archive.markRetracted(owner, 'm1', '<message><retracted/></message>');
      expect(await search(owner, 'budget')).toEqual(['m5']);
      expect(await search(owner, 'meeting')).toEqual(['m5']);
    });
  });
}
