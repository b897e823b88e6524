// A presence indicator: a coloured dot whose shape also differs (not colour
// alone), with the state as text for screen readers.

import { html } from 'lit';
import { t } from '../context.js';
import type { Presence } from '../chat/people.js';

export function presenceDot(presence: Presence) {
  const label = t(`presence.${presence}`);
  return html`<span class="presence" data-presence=${presence} title=${label}><span class="presence-dot" aria-hidden="true"></span><span class="visually-hidden">${label}</span></span>`;
}
