import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors.js';
import { parseJid } from '../../core/jid.js';
import { NS_ROSTER } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { blankItem, isEmpty, isPendingOnly, isVisible, itemElement, parseRosterSet, sameItem } from './roster-items.js';

const owner = parseJid('alice@example.org/phone');
const query = (...items: Element[]): Element => el('query', { xmlns: NS_ROSTER }, ...items);

function failure(q: Element): { condition: string; text: string | undefined } | undefined {
  try {
    parseRosterSet(q, owner);
  } catch (error) {
    if (isAppError(error)) return { condition: error.condition, text: error.text };
    throw error;
  }
  return undefined;
}

describe('parseRosterSet', () => {
  it('reads an add/update with its name and groups', () => {
    const request = parseRosterSet(query(el('item', { jid: 'Bob@Example.org', name: 'Bob' }, el('group', null, 'Friends'), el('group', null, 'Work'))), owner);
    expect(request).toMatchObject({ kind: 'update', name: 'Bob', groups: ['Friends', 'Work'] });
    expect(request.jid.bare).toBe('bob@example.org');
  });

  it('treats an empty name as no name', () => {
    expect(parseRosterSet(query(el('item', { jid: 'bob@example.org', name: '' })), owner)).toMatchObject({ name: null, groups: [] });
  });

  it('reads subscription="remove" as a removal', () => {
    expect(parseRosterSet(query(el('item', { jid: 'bob@example.org', subscription: 'remove' })), owner).kind).toBe('remove');
  });

  it('ignores the protocol subscription values a client may echo back (RFC 6121 §2.1.2.5)', () => {
    for (const subscription of ['none', 'to', 'from', 'both']) {
      expect(parseRosterSet(query(el('item', { jid: 'bob@example.org', subscription, ask: 'subscribe', approved: 'true' })), owner).kind).toBe('update');
    }
  });

  it('refuses zero or several items, or another child, with bad-request', () => {
    expect(failure(query())).toMatchObject({ condition: 'bad-request', text: expect.stringMatching(/exactly one/) });
    expect(failure(query(el('item', { jid: 'a@example.org' }), el('item', { jid: 'b@example.org' })))?.condition).toBe('bad-request');
    expect(failure(query(el('other', { jid: 'a@example.org' })))?.condition).toBe('bad-request');
  });

  it('refuses a missing, malformed or full JID with bad-request and says why', () => {
    expect(failure(query(el('item', { name: 'x' })))).toMatchObject({ condition: 'bad-request', text: expect.stringMatching(/no jid/) });
    expect(failure(query(el('item', { jid: 'bad@@jid' })))).toMatchObject({ condition: 'bad-request', text: expect.stringMatching(/malformed/) });
    expect(failure(query(el('item', { jid: '@example.org' })))?.condition).toBe('bad-request');
    expect(failure(query(el('item', { jid: 'bob@example.org/phone' })))).toMatchObject({ condition: 'bad-request', text: expect.stringMatching(/resource/) });
  });

  it("refuses the user's own JID with not-acceptable", () => {
    expect(failure(query(el('item', { jid: 'ALICE@example.org' })))).toMatchObject({ condition: 'not-acceptable', text: expect.stringMatching(/own address/) });
  });

  it('refuses unknown subscription values with bad-request', () => {
    expect(failure(query(el('item', { jid: 'bob@example.org', subscription: 'everything' })))?.condition).toBe('bad-request');
  });

  it('refuses empty or repeated groups and over-long names', () => {
    expect(failure(query(el('item', { jid: 'bob@example.org' }, el('group', null, '')))))?.toMatchObject({ condition: 'not-acceptable' });
    expect(failure(query(el('item', { jid: 'bob@example.org' }, el('group', null, 'A'), el('group', null, 'A')))))?.toMatchObject({ condition: 'bad-request' });
    expect(failure(query(el('item', { jid: 'bob@example.org', name: 'x'.repeat(1024) }))))?.toMatchObject({ condition: 'not-acceptable' });
    expect(failure(query(el('item', { jid: 'bob@example.org' }, el('group', null, 'g'.repeat(1024))))))?.toMatchObject({ condition: 'not-acceptable' });
  });
});

describe('roster item visibility', () => {
  const pending = { ...blankItem('bob@example.org'), pendingIn: true };

  it('hides a row that only records an unanswered inbound request', () => {
    expect(isPendingOnly(pending)).toBe(true);
    expect(isVisible(pending)).toBe(false);
  });

  it('shows it once the user named it, grouped it, asked back, pre-approved or got a subscription', () => {
    expect(isVisible({ ...pending, name: 'Bob' })).toBe(true);
    expect(isVisible({ ...pending, groups: ['G'] })).toBe(true);
    expect(isVisible({ ...pending, askOut: true })).toBe(true);
    expect(isVisible({ ...pending, subscription: 'to' })).toBe(true);
    expect(isVisible({ ...pending, approved: true })).toBe(true);
    expect(isVisible(blankItem('bob@example.org'))).toBe(true);
    expect(isVisible(undefined)).toBe(false);
  });

  it('knows an empty row', () => {
    expect(isEmpty(blankItem('x@example.org'))).toBe(true);
    expect(isEmpty(pending)).toBe(false);
  });

  it('compares items including group order', () => {
    const a = { ...blankItem('x@example.org'), groups: ['A', 'B'] };
    expect(sameItem(a, { ...a, groups: ['A', 'B'] })).toBe(true);
    expect(sameItem(a, { ...a, groups: ['B', 'A'] })).toBe(false);
    expect(sameItem(a, undefined)).toBe(false);
    expect(sameItem(undefined, undefined)).toBe(true);
  });
});

describe('itemElement', () => {
  it('renders subscription, ask, approved, name and groups (RFC 6121 §2.1.2)', () => {
    const xml = itemElement({ jid: 'bob@example.org', name: 'Bob & co', subscription: 'from', askOut: true, pendingIn: true, approved: false, groups: ['Friends'] }).toString();
    expect(xml).toContain('jid="bob@example.org"');
    expect(xml).toContain('subscription="from"');
    expect(xml).toContain('ask="subscribe"');
    expect(xml).toContain('name="Bob &amp; co"');
    expect(xml).toContain('<group>Friends</group>');
    expect(xml).not.toContain('approved');
    expect(xml).not.toContain('pending');
  });

  it('omits absent name and marks pre-approval', () => {
    const xml = itemElement({ ...blankItem('bob@example.org'), approved: true }).toString();
    expect(xml).not.toContain('name=');
    expect(xml).toContain('approved="true"');
    expect(xml).toContain('subscription="none"');
  });
});
