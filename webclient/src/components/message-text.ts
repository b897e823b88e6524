// A message body: text nodes and safe links, line breaks kept by CSS.

import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { linkify } from '../chat/links.js';

export function messageText(body: string): TemplateResult {
  return html`${linkify(body).map((s) => (s.kind === 'link' ? html`<a href=${s.href} target="_blank" rel="noopener noreferrer nofollow">${s.text}</a>` : s.text))}`;
}
