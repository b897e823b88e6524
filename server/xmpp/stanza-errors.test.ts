// Stanza error rendering (RFC 6120 §8.3) and the rule that errors and iq
// results are never answered.

import { describe, expect, it } from 'vitest';
import { conditionOf, errorElement, errorReply, isUnanswerable, NS_CAUSERIE_ERRORS } from './stanza-errors.js';
import { AppError } from '../core/errors.js';
import { NS_STANZAS } from './namespaces.js';
import { el } from './stanza.js';

describe('isUnanswerable / errorReply refusals', () => {
  it('never answers an error, whatever the stanza, nor an iq result', () => {
    for (const name of ['message', 'presence', 'iq']) {
      const stanza = el(name, { type: 'error', id: 'x', from: 'a@example.org/r', to: 'b@example.org' });
      expect(isUnanswerable(stanza)).toBe(true);
      expect(errorReply(stanza, 'service-unavailable')).toBeUndefined();
    }
    const result = el('iq', { type: 'result', id: 'x', from: 'a@example.org/r' });
    expect(isUnanswerable(result)).toBe(true);
    expect(errorReply(result, new AppError('bad-request'))).toBeUndefined();
  });

  it('answers other stanzas', () => {
    for (const stanza of [el('iq', { type: 'get' }), el('iq', { type: 'set' }), el('message', { type: 'chat' }), el('message'), el('presence'), el('presence', { type: 'subscribe' })]) {
      expect(isUnanswerable(stanza)).toBe(false);
    }
    // "result" only means something on iq.
    expect(isUnanswerable(el('message', { type: 'result' }))).toBe(false);
  });
});

describe('errorReply', () => {
  it('keeps the name and id, swaps the addresses and sets type="error"', () => {
    const stanza = el('message', { type: 'chat', id: 'm1', from: 'juliet@example.com/balcony', to: 'romeo@example.net' }, el('body', null, 'secret text'));
    const reply = errorReply(stanza, 'service-unavailable');
    expect(reply?.name).toBe('message');
    expect(reply?.attrs).toEqual({ type: 'error', id: 'm1', to: 'juliet@example.com/balcony', from: 'romeo@example.net' });
    // Bodies are not echoed back.
    expect(reply?.getChild('body')).toBeUndefined();
    expect(reply?.toString()).not.toContain('secret text');
  });

  it('leaves out addresses the original did not have', () => {
    const reply = errorReply(el('iq', { type: 'get', id: 'q' }, el('ping', { xmlns: 'urn:xmpp:ping' })), 'feature-not-implemented');
    expect(reply?.attrs).toEqual({ type: 'error', id: 'q' });
    expect(reply?.toString()).not.toContain('undefined');
  });

  it('includes the iq payload for correlation, as a copy', () => {
    const payload = el('query', { xmlns: 'jabber:iq:roster' }, el('item', { jid: 'x@example.com' }));
    const iq = el('iq', { type: 'set', id: 'r1', from: 'a@example.com/r' }, payload);
    const reply = errorReply(iq, 'not-allowed');
    const echoed = reply?.getChild('query', 'jabber:iq:roster');
    expect(echoed?.getChild('item')?.attrs.jid).toBe('x@example.com');
    expect(echoed).not.toBe(payload);
    expect(payload.parent).toBe(iq);
    const children = reply?.getChildElements().map((c) => c.name);
    expect(children).toEqual(['query', 'error']);
  });

  it('renders the defined condition, its type, the text and the application condition', () => {
    const error = new AppError('gone', 'This invitation has expired', { appCondition: 'invite-expired' });
    const reply = errorReply(el('iq', { type: 'set', id: 'i' }, el('redeem', { xmlns: 'urn:example' })), error);
    const element = reply?.getChild('error');
    expect(element?.attrs.type).toBe('cancel');
    const [condition, text, app] = element?.getChildElements() ?? [];
    expect(condition?.name).toBe('gone');
    expect(condition?.attrs.xmlns).toBe(NS_STANZAS);
    expect(text?.name).toBe('text');
    expect(text?.attrs).toEqual({ xmlns: NS_STANZAS, 'xml:lang': 'en' });
    expect(text?.getText()).toBe('This invitation has expired');
    expect(app?.name).toBe('invite-expired');
    expect(app?.attrs.xmlns).toBe(NS_CAUSERIE_ERRORS);
  });

  it('builds an AppError from a condition name and text', () => {
    const reply = errorReply(el('presence', { to: 'room@conference.example.com/nick' }), 'not-authorized', 'Password required');
    const error = reply?.getChild('error');
    expect(error?.attrs.type).toBe('auth');
    expect(error?.getChild('not-authorized', NS_STANZAS)).toBeDefined();
    expect(error?.getChildText('text', NS_STANZAS)).toBe('Password required');
    expect(reply?.attrs.from).toBe('room@conference.example.com/nick');
  });

  it('uses the error type of the condition table', () => {
    const types: Array<[ConstructorParameters<typeof AppError>[0], string]> = [
      ['bad-request', 'modify'],
      ['forbidden', 'auth'],
      ['item-not-found', 'cancel'],
      ['resource-constraint', 'wait'],
      ['service-unavailable', 'cancel'],
    ];
    for (const [condition, type] of types) {
      expect(errorReply(el('iq', { type: 'get', id: 'x' }, el('q')), condition)?.getChild('error')?.attrs.type, condition).toBe(type);
    }
  });
});

describe('errorElement', () => {
  it('omits the text and application condition when absent and honours the language', () => {
    expect(errorElement(new AppError('conflict')).toString()).toBe(`<error type="cancel"><conflict xmlns="${NS_STANZAS}"/></error>`);
    const withText = errorElement(new AppError('conflict', 'Nom déjà pris'), 'fr');
    expect(withText.getChild('text')?.attrs['xml:lang']).toBe('fr');
  });

  it('escapes the text', () => {
    const rendered = errorElement(new AppError('bad-request', '<script>&')).toString();
    expect(rendered).toContain('&lt;script&gt;&amp;');
  });
});

describe('conditionOf', () => {
  it('reads the defined condition back from an error stanza', () => {
    const reply = errorReply(el('iq', { type: 'get', id: 'x' }, el('q')), new AppError('item-not-found', 'nope', { appCondition: 'room-missing' }));
    expect(reply && conditionOf(reply)).toBe('item-not-found');
  });

  it('ignores children in other namespaces and unknown names', () => {
    const stanza = el('message', { type: 'error' }, el('error', { type: 'cancel' }, el('gone', { xmlns: 'urn:other' }), el('made-up', { xmlns: NS_STANZAS })));
    expect(conditionOf(stanza)).toBeUndefined();
    expect(conditionOf(el('message', { type: 'error' }))).toBeUndefined();
    // Names inherited by every object are not conditions.
    for (const name of ['toString', 'constructor', 'hasOwnProperty']) {
      expect(conditionOf(el('message', { type: 'error' }, el('error', { type: 'cancel' }, el(name, { xmlns: NS_STANZAS })))), name).toBeUndefined();
    }
  });
});
