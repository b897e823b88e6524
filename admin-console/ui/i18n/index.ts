// Translations: French first, English second. `t(key, params)` reads the
// current locale; components re-render on `subscribe` (see i18n-element.ts).
// The locale is remembered in localStorage and mirrored on <html lang>.

import { en } from './en.js';
import { fr } from './fr.js';
import type { MessageKey } from './fr.js';

export type { MessageKey };
export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

const catalogs: Record<Locale, Record<MessageKey, string>> = { fr, en };
const STORAGE_KEY = 'causerie-admin-locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    // Storage can be blocked (private mode, policies): French is the default.
  }
  return 'fr';
}

let current: Locale = initialLocale();
const listeners = new Set<() => void>();

export function locale(): Locale {
  return current;
}

export function setLocale(next: Locale): void {
  if (next === current) return;
  current = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered across reloads; the switch still applies now.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return format(catalogs[current][key], params);
}

/** For keys built at run time (a right's name, a status): falls back to the raw text when missing. */
export function tDynamic(key: string, fallback: string, params?: Record<string, string | number>): string {
  const catalog = catalogs[current] as Record<string, string>;
  const template = catalog[key];
  return template === undefined ? fallback : format(template, params);
}

/** Dates as people read them in the current locale. */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return t('common.never');
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(current === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

export const catalogsForTests = catalogs;
