import { describe, expect, it } from 'vitest';
import { NS_CARBONS, NS_CHAT_MARKERS, NS_FORWARD, NS_HINTS, NS_MUC_USER, NS_RECEIPTS } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { carbonCopy, isCarbonEligible, isPrivate, sendCarbons, withoutPrivate } from './copies.js';

const msg = (type: string | undefined, ...children: Element[]) => el('message', { type, from: 'a@x/r', to: 'b@x', id: 'm1' }, ...children);

function fakeSession(full: string, carbons: boolean): ClientSession & { sent: Element[] } {
  const sent: Element[] = [];
  const [bare = '', resource = ''] = full.split('/');
  return { sent, carbons, jid: { full, bare, resource }, send: (s: Element) => sent.push(s) } as unknown as ClientSession & { sent: Element[] };
}

describe('carbons eligibility (XEP-0280 §6)', () => {
  it('copies chat, normal with a body, receipts and markers', () => {
    expect(isCarbonEligible(msg('chat', el('composing', { xmlns: 'http://jabber.org/protocol/chatstates' })))).toBe(true);
    expect(isCarbonEligible(msg(undefined, el('body', null, 'x')))).toBe(true);
    expect(isCarbonEligible(msg('normal', el('received', { xmlns: NS_RECEIPTS, id: 'z' })))).toBe(true);
    expect(isCarbonEligible(msg('normal', el('displayed', { xmlns: NS_CHAT_MARKERS, id: 'z' })))).toBe(true);
  });

  it('does not copy groupchat, headline, error, empty normal or MUC private messages', () => {
    expect(isCarbonEligible(msg('groupchat', el('body', null, 'x')))).toBe(false);
    expect(isCarbonEligible(msg('headline', el('body', null, 'x')))).toBe(false);
    expect(isCarbonEligible(msg('error', el('body', null, 'x')))).toBe(false);
    expect(isCarbonEligible(msg('normal'))).toBe(false);
    expect(isCarbonEligible(msg('chat', el('body', null, 'x'), el('x', { xmlns: NS_MUC_USER })))).toBe(false);
  });

  it('honours <private/> and <no-copy/>, and strips <private/> for the recipient', () => {
    const priv = msg('chat', el('body', null, 'x'), el('private', { xmlns: NS_CARBONS }));
    expect(isPrivate(priv)).toBe(true);
    expect(isPrivate(msg('chat', el('no-copy', { xmlns: NS_HINTS })))).toBe(true);
    expect(isPrivate(msg('chat'))).toBe(false);
    const stripped = withoutPrivate(priv);
    expect(stripped.getChild('private', NS_CARBONS)).toBeUndefined();
    expect(priv.getChild('private', NS_CARBONS)).toBeDefined();
    const plain = msg('chat');
    expect(withoutPrivate(plain)).toBe(plain);
  });
});

describe('carbon copies', () => {
  it('wrap the original in received/sent + forwarded, from the bare JID, same type', () => {
    const copy = carbonCopy('received', msg('chat', el('body', null, 'hello')), 'b@x', 'b@x/phone');
    expect(copy.attrs).toMatchObject({ from: 'b@x', to: 'b@x/phone', type: 'chat' });
    const inner = copy.getChild('received', NS_CARBONS)?.getChild('forwarded', NS_FORWARD)?.getChild('message');
    expect(inner?.attrs).toMatchObject({ xmlns: 'jabber:client', from: 'a@x/r', to: 'b@x', id: 'm1' });
    expect(inner?.getChildText('body')).toBe('hello');
  });

  it('go to carbons-enabled sessions except the excluded ones', () => {
    const phone = fakeSession('b@x/phone', true);
    const laptop = fakeSession('b@x/laptop', true);
    const old = fakeSession('b@x/old', false);
    const n = sendCarbons('sent', msg('chat', el('body', null, 'x')), { bare: 'b@x', sessions: [phone, laptop, old] }, new Set([laptop]));
    expect(n).toBe(1);
    expect(phone.sent).toHaveLength(1);
    expect(phone.sent[0]?.getChild('sent', NS_CARBONS)).toBeDefined();
    expect(laptop.sent).toHaveLength(0);
    expect(old.sent).toHaveLength(0);
  });
});
