import { describe, expect, it } from 'vitest';
import { parse } from 'ltx';
import { parseStoredVcard, serialiseVcard, VCARD_MAX_BYTES } from './vcard-codec.js';
import { AppError } from '../../core/errors.js';

describe('vCard storage form', () => {
  it('round-trips a vCard and drops attributes other than xmlns', () => {
    const input = parse("<vCard xmlns='vcard-temp' prodid='x'><FN>Alice &amp; Co</FN><NICKNAME>al</NICKNAME></vCard>");
    const stored = serialiseVcard(input);
    expect(stored).not.toContain('prodid');
    const back = parseStoredVcard(stored);
    expect(back?.getChildText('FN')).toBe('Alice & Co');
    expect(back?.attrs.xmlns).toBe('vcard-temp');
  });

  it('refuses a vCard over the limit with not-acceptable', () => {
    const big = parse(`<vCard xmlns='vcard-temp'><PHOTO><BINVAL>${'A'.repeat(VCARD_MAX_BYTES)}</BINVAL></PHOTO></vCard>`);
    expect(() => serialiseVcard(big)).toThrow(AppError);
    try {
      serialiseVcard(big);
    } catch (error) {
      expect((error as AppError).condition).toBe('not-acceptable');
    }
  });

  it('treats unusable stored text as no vCard', () => {
    expect(parseStoredVcard('<not-xml')).toBeUndefined();
    expect(parseStoredVcard("<other xmlns='vcard-temp'/>")).toBeUndefined();
  });
});
