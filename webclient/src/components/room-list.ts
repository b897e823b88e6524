// The left column: who I am, the connection state, rooms with unread counts
// and mentions, and the actions (new room, search, options, sign out).

import { html } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import { sortedRooms } from '../store.js';
import { icon } from './icons.js';
import './connection-status.js';

export class RoomList extends Base {
  private keydown(event: KeyboardEvent): void {
    // Arrow keys move between rooms, as in a list box.
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = [...this.querySelectorAll<HTMLElement>('.room-link')];
    const index = links.indexOf(document.activeElement as HTMLElement);
    const next = links[(index + (event.key === 'ArrowDown' ? 1 : -1) + links.length) % links.length];
    next?.focus();
    event.preventDefault();
  }

  override render() {
    const s = store.state;
    const rooms = sortedRooms(s);
    return html`
      <nav class="sidebar" aria-label=${t('nav.rooms')}>
        <header class="me">
          <div class="me-name" title=${s.jid}>${s.displayName}${s.isGuest ? html` <span class="badge">${t('nav.guest')}</span>` : ''}</div>
          <connection-status></connection-status>
        </header>
        <div class="nav-actions">
          <button class="nav-button" @click=${() => store.set({ panel: s.panel === 'search' ? undefined : 'search', navOpen: false })} aria-pressed=${s.panel === 'search'}>${icon('search')} ${t('nav.search')}</button>
          ${s.isGuest ? '' : html`<button class="nav-button" @click=${() => store.set({ dialog: 'create' })}>${icon('plus')} ${t('nav.createRoom')}</button>`}
        </div>
        <h2 class="nav-title" id="rooms-title">${t('nav.rooms')}</h2>
        ${rooms.length === 0 ? html`<p class="muted small pad">${t('nav.noRooms')}</p>` : ''}
        <ul class="rooms" aria-labelledby="rooms-title" @keydown=${(e: KeyboardEvent) => this.keydown(e)}>
          ${rooms.map(
            (r) => html`<li>
              <a
                class="room-link ${r.jid === s.active ? 'active' : ''} ${r.unread ? 'unread' : ''}"
                href="#${encodeURIComponent(r.jid)}"
                data-room=${r.jid}
                aria-current=${r.jid === s.active ? 'page' : 'false'}
                @click=${(e: Event) => {
                  e.preventDefault();
                  void session.openRoom(r.jid);
                }}
                ><span class="hash" aria-hidden="true">#</span><span class="room-name">${r.name}</span>
                ${r.mentions ? html`<span class="count mention" aria-label=${t('nav.mentions', { n: r.mentions })}>@${r.mentions}</span>` : r.unread ? html`<span class="count" aria-label=${t('nav.unread', { n: r.unread })}>${r.unread}</span>` : ''}
              </a>
            </li>`,
          )}
        </ul>
        <footer class="nav-footer">
          <button class="nav-button" @click=${() => store.set({ dialog: 'options' })}>${icon('gear')} ${t('nav.options')}</button>
          <button class="nav-button" @click=${() => void session.logout()}>${icon('logout')} ${t('nav.logout')}</button>
        </footer>
      </nav>
    `;
  }
}
customElements.define('room-list', RoomList);
