// XEP-0115 §5.2 and §5.3 examples, plus the §5.4 ill-formed cases.
import { describe, expect, it } from 'vitest';
import { parse } from 'ltx';
import { capsVer, parseDiscoInfo, verificationString, verifiesCaps } from './verification.js';

const SIMPLE = `<query xmlns='http://jabber.org/protocol/disco#info'>
  <identity category='client' name='Exodus 0.9.1' type='pc'/>
  <feature var='http://jabber.org/protocol/caps'/>
  <feature var='http://jabber.org/protocol/disco#info'/>
  <feature var='http://jabber.org/protocol/disco#items'/>
  <feature var='http://jabber.org/protocol/muc'/>
</query>`;

const COMPLEX = `<query xmlns='http://jabber.org/protocol/disco#info'>
  <identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>
  <identity xml:lang='el' category='client' name='Ψ 0.11' type='pc'/>
  <feature var='http://jabber.org/protocol/caps'/>
  <feature var='http://jabber.org/protocol/disco#info'/>
  <feature var='http://jabber.org/protocol/disco#items'/>
  <feature var='http://jabber.org/protocol/muc'/>
  <x xmlns='jabber:x:data' type='result'>
    <field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>
    <field var='ip_version'><value>ipv4</value><value>ipv6</value></field>
    <field var='os'><value>Mac</value></field>
    <field var='os_version'><value>10.5.1</value></field>
    <field var='software'><value>Psi</value></field>
    <field var='software_version'><value>0.11</value></field>
  </x>
</query>`;

describe('XEP-0115 verification string', () => {
  it('matches the simple example of §5.2', () => {
    const info = parseDiscoInfo(parse(SIMPLE));
    expect(verificationString(info)).toBe(
      'client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<',
    );
    expect(capsVer(info, 'sha-1')).toBe('QgayPKawpkPSDYmwT/WM94uAlu0=');
    expect(verifiesCaps(info, 'sha-1', 'QgayPKawpkPSDYmwT/WM94uAlu0=')).toBe(true);
  });

  it('matches the complex example of §5.3 (languages, extended form)', () => {
    const info = parseDiscoInfo(parse(COMPLEX));
    expect(capsVer(info, 'sha-1')).toBe('q07IKJEyjvHSyhy//CH0CxmKi8w=');
  });

  it('does not depend on the order of elements in the response', () => {
    const shuffled = parse(SIMPLE);
    shuffled.children.reverse();
    expect(capsVer(parseDiscoInfo(shuffled), 'sha-1')).toBe('QgayPKawpkPSDYmwT/WM94uAlu0=');
  });

  it('refuses a wrong ver and unknown hash functions', () => {
    const info = parseDiscoInfo(parse(SIMPLE));
    expect(verifiesCaps(info, 'sha-1', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toBe(false);
    expect(capsVer(info, 'md5')).toBeUndefined();
    expect(verifiesCaps(info, 'md5', 'QgayPKawpkPSDYmwT/WM94uAlu0=')).toBe(false);
    expect(capsVer(info, 'sha-256')).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('flags duplicate features, duplicate identities and duplicate form types as ill-formed', () => {
    const dupFeature = parse(SIMPLE.replace('</query>', "<feature var='http://jabber.org/protocol/muc'/></query>"));
    expect(parseDiscoInfo(dupFeature).illFormed).toBe(true);
    const dupIdentity = parse(SIMPLE.replace('</query>', "<identity category='client' name='Exodus 0.9.1' type='pc'/></query>"));
    expect(parseDiscoInfo(dupIdentity).illFormed).toBe(true);
    const form = "<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>urn:a</value></field></x>";
    const dupForm = parse(SIMPLE.replace('</query>', `${form}${form}</query>`));
    const info = parseDiscoInfo(dupForm);
    expect(info.illFormed).toBe(true);
    // An otherwise correct hash is then not trusted.
    expect(verifiesCaps(info, 'sha-1', capsVer(info, 'sha-1') ?? '')).toBe(false);
  });

  it('ignores forms whose FORM_TYPE is missing or not hidden', () => {
    const notHidden = "<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE'><value>urn:a</value></field><field var='a'><value>1</value></field></x>";
    const noType = "<x xmlns='jabber:x:data' type='result'><field var='a'><value>1</value></field></x>";
    const info = parseDiscoInfo(parse(SIMPLE.replace('</query>', `${notHidden}${noType}</query>`)));
    expect(info.illFormed).toBe(false);
    expect(capsVer(info, 'sha-1')).toBe('QgayPKawpkPSDYmwT/WM94uAlu0=');
  });
});
