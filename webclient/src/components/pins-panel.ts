// The room's pinned messages (urn:causerie:pins:0); each opens the
// conversation at that message.

import { html } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import { applyActions } from '../chat/actions.js';
import { messageBody } from './message-list.js';
import { icon } from './icons.js';

export class PinsPanel extends Base {
  declare room: string;
  static override properties = { room: { type: String } };

  override render() {
    const r = store.state.rooms[this.room];
    if (!r) return html``;
    return html`
      <aside class="panel" aria-labelledby="pins-title">
        <header class="panel-head">
          <h2 id="pins-title">${icon('pin')} ${t('pins.title')}</h2>
          <button class="icon-button" aria-label=${t('room.close')} @click=${() => store.set({ panel: undefined })}>${icon('close')}</button>
        </header>
        ${r.pins.length === 0 ? html`<p class="muted pad">${t('pins.none')}</p>` : ''}
        <ul class="results">
          ${r.pins.map((pinned) => applyActions(pinned, r.actions, session.myKey(r.jid))).filter((p) => !p.retracted).map(
            (p) => html`<li class="pin">
              <button class="result" aria-label=${t('pins.open')} @click=${() => void session.archive.jumpTo({ room: r.jid, message: p })}>
                <span class="result-head"><strong>${p.nick}</strong> <span class="muted small">${new Date(p.at).toLocaleString(store.state.lang, { dateStyle: 'short', timeStyle: 'short' })}</span></span>
                <span class="result-body">${messageBody(p)}</span>
              </button>
            </li>`,
          )}
        </ul>
      </aside>
    `;
  }
}
customElements.define('pins-panel', PinsPanel);
