// Translation lookup with {name} parameters; French first, English second.

import { fr } from './fr.js';
import type { MessageKey } from './fr.js';
import { en } from './en.js';

export type Lang = 'fr' | 'en';
export type { MessageKey };

const catalogs: Record<Lang, Record<MessageKey, string>> = { fr, en };

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[lang][key] ?? fr[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The browser's preferred language if we have it, French otherwise. */
export function pickLanguage(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'fr';
}

export function isMessageKey(key: string): key is MessageKey {
  return key in fr;
}
