import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { fr } from './fr.js';
import { format, locale, setLocale, t, tDynamic } from './index.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  it('French and English define exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('every message is non-empty and uses the same placeholders in both languages', () => {
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(fr[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
  });

  it('every right, preset, URL name and refusal reason the API knows has a label', () => {
    const keys = new Set(Object.keys(fr));
    for (const right of ['read', 'write', 'modify', 'delete', 'rename', 'invite', 'admin']) expect(keys.has(`right.${right}`), right).toBe(true);
    for (const preset of ['reader', 'author', 'administrator']) expect(keys.has(`preset.${preset}`), preset).toBe(true);
    for (const url of ['webclient', 'webadmin', 'webdav', 'freebusy', 'calendar', 'teamchat-api', 'collaboration-api', 'conference-api', 'client-downloads']) expect(keys.has(`url.${url}`), url).toBe(true);
    for (const reason of ['not-https', 'no-path', 'invalid-url', 'certificate-expired', 'name-mismatch', 'self-signed', 'untrusted-certificate', 'unreachable']) expect(keys.has(`url.reason.${reason}`), reason).toBe(true);
  });

  it('French is the default and the switch changes every message', () => {
    expect(locale()).toBe('fr');
    expect(t('preset.author')).toBe('Écrire');
    setLocale('en');
    expect(t('preset.author')).toBe('Author');
    expect(t('pager.range', { from: 1, to: 25, total: 40 })).toBe('1–25 of 40');
    setLocale('fr');
    expect(t('pager.range', { from: 1, to: 25, total: 40 })).toBe('1–25 sur 40');
  });

  it('formats placeholders and falls back for unknown dynamic keys', () => {
    expect(format('{a} et {b}', { a: 1 })).toBe('1 et {b}');
    expect(tDynamic('action.some.new.action', 'some.new.action')).toBe('some.new.action');
    expect(tDynamic('right.admin', 'admin')).toBe('Gérer les droits');
  });
});
