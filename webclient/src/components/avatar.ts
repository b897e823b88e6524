// A person's avatar: their XEP-0084 / vCard picture when known, else their
// initials on a colour derived from the name. Decorative (the name is
// always written next to it).

import { html } from 'lit';
import { store } from '../context.js';

function initials(name: string): string {
  return name.trim().slice(0, 2).toUpperCase() || '?';
}

function hue(name: string): number {
  let h = 0;
  for (const c of name) h = (h * 31 + (c.codePointAt(0) ?? 0)) % 360;
  return h;
}

export function avatar(name: string, jid?: string, size: 'small' | 'normal' = 'normal') {
  const picture = jid ? store.state.avatars[jid] : undefined;
  return picture
    ? html`<img class="avatar ${size}" src=${picture} alt="" aria-hidden="true" data-jid=${jid ?? ''} />`
    : html`<span class="avatar ${size}" aria-hidden="true" data-hue=${hue(name) % 12} data-jid=${jid ?? ''}>${initials(name)}</span>`;
}
