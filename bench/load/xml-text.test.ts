import { describe, expect, it } from 'vitest';
import { childText, childTexts, escapeXml, localName, rootAttr, unescapeXml } from './xml-text.js';

describe('xml-text', () => {
  it('reads the local name with or without a prefix', () => {
    expect(localName('<stream:features>')).toBe('features');
    expect(localName('<iq type="result"/>')).toBe('iq');
    expect(localName('<success/>')).toBe('success');
  });

  it('reads root attributes with either quote, not those of children', () => {
    const xml = `<iq type="result" id='b&amp;1'><bind id='inner'/></iq>`;
    expect(rootAttr(xml, 'id')).toBe('b&1');
    expect(rootAttr(xml, 'type')).toBe('result');
    expect(rootAttr(xml, 'to')).toBeUndefined();
  });

  it('reads child texts', () => {
    const features = `<mechanisms xmlns='x'><mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism></mechanisms>`;
    expect(childTexts(features, 'mechanism')).toEqual(['SCRAM-SHA-1', 'PLAIN']);
    expect(childText(`<iq><bind><jid>u@d/r&apos;</jid></bind></iq>`, 'jid')).toBe("u@d/r'");
  });

  it('round-trips escaping', () => {
    const s = `a<b>&"c'`;
    expect(unescapeXml(escapeXml(s))).toBe(s);
    expect(unescapeXml('&#x41;&#66;')).toBe('AB');
  });
});
