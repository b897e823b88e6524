import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { NS_RSM } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import { DEFAULT_MAX, MAX_CAP, parseRsm, renderRsm } from './rsm.js';

const set = (...children: ReturnType<typeof el>[]) => el('set', { xmlns: NS_RSM }, ...children);

describe('parseRsm', () => {
  it('defaults to the first page of 50', () => {
    expect(parseRsm(undefined)).toEqual({ max: DEFAULT_MAX, last: false });
  });

  it('reads max, after and before, and caps max', () => {
    expect(parseRsm(set(el('max', null, '10'), el('after', null, 'abc')))).toEqual({ max: 10, after: 'abc', last: false });
    expect(parseRsm(set(el('max', null, '100000')))).toEqual({ max: MAX_CAP, last: false });
    expect(parseRsm(set(el('max', null, '0')))).toEqual({ max: 0, last: false });
  });

  it('treats an empty <before/> as the last page', () => {
    expect(parseRsm(set(el('before')))).toEqual({ max: DEFAULT_MAX, last: true });
    expect(parseRsm(set(el('before', null, 'id9')))).toEqual({ max: DEFAULT_MAX, before: 'id9', last: false });
  });

  it('refuses bad values with a text', () => {
    for (const bad of [set(el('max', null, '-1')), set(el('max', null, 'ten')), set(el('after'))]) {
      expect(() => parseRsm(bad)).toThrow(AppError);
    }
    try {
      parseRsm(set(el('index', null, '3')));
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).condition).toBe('feature-not-implemented');
    }
  });
});

describe('renderRsm', () => {
  it('gives first (with index), last and count for a page', () => {
    expect(renderRsm({ firstId: 'a', firstIndex: 0, lastId: 'b', count: 7 }).toString()).toBe(
      `<set xmlns="${NS_RSM}"><first index="0">a</first><last>b</last><count>7</count></set>`,
    );
  });

  it('gives only the count for an empty page, and nothing unknown', () => {
    expect(renderRsm({ count: 0 }).toString()).toBe(`<set xmlns="${NS_RSM}"><count>0</count></set>`);
    expect(renderRsm({ firstId: 'a', lastId: 'a' }).toString()).toBe(`<set xmlns="${NS_RSM}"><first>a</first><last>a</last></set>`);
  });
});
