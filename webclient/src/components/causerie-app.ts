// The application shell: sign-in, or the three columns (rooms, room, panel)
// that collapse to one on a phone.

import { html } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import { sortedRooms } from '../store.js';
import './login-view.js';
import './room-list.js';
import './room-view.js';
import './members-panel.js';
import './search-panel.js';
import './pins-panel.js';
import './thread-panel.js';
import './events-panel.js';
import './create-room-dialog.js';
import './options-dialog.js';

export class CauserieApp extends Base {
  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.shortcuts);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.shortcuts);
  }

  /** Ctrl/Cmd+K: search; Escape closes the side panel; Alt+↑/↓ changes room. */
  private shortcuts = (event: KeyboardEvent): void => {
    if (!store.state.jid) return;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      store.set({ panel: 'search' });
      queueMicrotask(() => this.querySelector<HTMLInputElement>('#search-q')?.focus());
    } else if (event.key === 'Escape' && store.state.panel && !store.state.dialog && !store.state.editing) {
      store.set({ panel: undefined, thread: undefined });
    } else if (event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      // Alt+↑/↓: previous/next room, as in Slack.
      event.preventDefault();
      const rooms = sortedRooms(store.state);
      const index = rooms.findIndex((r) => r.jid === store.state.active);
      const next = rooms[(index + (event.key === 'ArrowDown' ? 1 : -1) + rooms.length) % rooms.length];
      if (next) void session.openRoom(next.jid);
    }
  };

  override render() {
    const s = store.state;
    document.documentElement.lang = s.lang;
    document.title = t('appName');
    if (!s.jid) return html`<login-view></login-view>`;
    return html`
      <div class="shell ${s.navOpen ? 'nav-open' : ''} ${s.panel ? 'with-panel' : ''}">
        <room-list></room-list>
        <room-view></room-view>
        ${s.panel === 'members' && s.active ? html`<members-panel .room=${s.active}></members-panel>` : ''}
        ${s.panel === 'search' ? html`<search-panel></search-panel>` : ''}
        ${s.panel === 'pins' && s.active ? html`<pins-panel .room=${s.active}></pins-panel>` : ''}
        ${s.panel === 'events' && s.active ? html`<events-panel .room=${s.active}></events-panel>` : ''}
        ${s.panel === 'thread' && s.thread ? html`<thread-panel></thread-panel>` : ''}
      </div>
      ${s.dialog === 'create' ? html`<create-room-dialog></create-room-dialog>` : ''}
      ${s.dialog === 'options' ? html`<options-dialog></options-dialog>` : ''}
    `;
  }
}
customElements.define('causerie-app', CauserieApp);
