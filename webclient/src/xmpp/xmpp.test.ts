import { describe, expect, it } from 'vitest';
import { x } from './xml.js';
import { ScramClient } from './scram.js';
import { StreamManagement } from './stream-management.js';
import { escapeLocal, loginTarget, unescapeLocal } from './jid.js';
import { StanzaError } from './stanza-error.js';

describe('xml', () => {
  it('escapes text and attributes and drops undefined attributes', () => {
    const el = x('message', { to: `a"b'<c>`, id: undefined }, x('body', {}, 'a < b & c'));
    expect(el.toString()).toBe('<message to="a&quot;b&apos;&lt;c&gt;"><body>a &lt; b &amp; c</body></message>');
  });
});

describe('SCRAM', () => {
  it('computes the RFC 7677 SCRAM-SHA-256 example and checks the server signature', async () => {
    const scram = new ScramClient('SHA-256', 'user', 'pencil', 'rOprNGfwEbeRWgbNEkqO');
    expect(atob(scram.first())).toBe('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const final = await scram.final(btoa('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'));
    expect(atob(final)).toBe('c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
    expect(scram.verify(btoa('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='))).toBe(true);
    expect(scram.verify(btoa('v=AAAA'))).toBe(false);
  });

  it('refuses a challenge whose nonce does not extend ours', async () => {
    const scram = new ScramClient('SHA-1', 'user', 'pencil', 'abc');
    await expect(scram.final(btoa('r=zzz,s=QSXCR+Q6sek8bf92,i=4096'))).rejects.toThrow('Invalid SCRAM challenge');
  });
});

describe('StreamManagement', () => {
  it('drops acknowledged stanzas and resends only the rest after resumption', () => {
    const sm = new StreamManagement();
    sm.enable('s1');
    for (const id of ['1', '2', '3']) sm.sent(x('message', { id }));
    sm.acknowledged(1);
    expect(sm.pending()).toBe(2);
    expect(sm.resumed(2).map((s) => s.attrs.id)).toEqual(['3']);
    expect(sm.pending()).toBe(0);
  });

  it('ignores an acknowledgement of more than was sent', () => {
    const sm = new StreamManagement();
    sm.enable('s1');
    sm.sent(x('message', { id: '1' }));
    sm.acknowledged(5);
    expect(sm.pending()).toBe(1);
  });

  it('counts inbound stanzas and, after a failed resumption, gives back unconfirmed messages only', () => {
    const sm = new StreamManagement();
    sm.enable('s1');
    sm.received();
    sm.received();
    expect(sm.inbound).toBe(2);
    sm.sent(x('iq', { id: 'q' }));
    sm.sent(x('message', { id: 'm' }));
    expect(sm.lost().map((s) => s.attrs.id)).toEqual(['m']);
    expect(sm.id).toBeUndefined();
  });
});

describe('login identifiers', () => {
  it('maps a JID, a bare username and a guest email address', () => {
    expect(loginTarget('Anna@chat.example', 'chat.example', 'guests.chat.example')).toEqual({ username: 'anna', domain: 'chat.example' });
    expect(loginTarget(' bob ', 'chat.example', 'guests.chat.example')).toEqual({ username: 'bob', domain: 'chat.example' });
    expect(loginTarget('Zoé.Martin@mail.org', 'chat.example', 'guests.chat.example')).toEqual({ username: 'zoé.martin\\40mail.org', domain: 'guests.chat.example' });
    expect(loginTarget('', 'a', 'b')).toBeUndefined();
  });

  it('escapes and unescapes XEP-0106 localparts', () => {
    expect(escapeLocal("d'artagnan@x.org")).toBe('d\\27artagnan\\40x.org');
    expect(unescapeLocal('d\\27artagnan\\40x.org')).toBe("d'artagnan@x.org");
  });
});

describe('StanzaError', () => {
  it('reads the condition and text of an error stanza', () => {
    const stanza = x('iq', { type: 'error' }, x('error', { type: 'auth' }, x('forbidden', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }), x('text', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }, 'No')));
    const error = StanzaError.from(stanza);
    expect([error.condition, error.serverText, error.errorType]).toEqual(['forbidden', 'No', 'auth']);
  });
});
