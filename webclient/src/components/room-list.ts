// The left column: who I am, the connection state, rooms under their group
// then private rooms, with unread counts and mentions, the people with their
// presence, and the actions (new room, search, options, sign out).

import { html } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import type { RoomState } from '../store.js';
import { roomSections } from '../chat/room-sections.js';
import type { RoomSection } from '../chat/room-sections.js';
import { icon } from './icons.js';
import { avatar } from './avatar.js';
import './connection-status.js';
import './people-list.js';
import './direct-list.js';

function sectionTitle(section: RoomSection): string {
  if (section.kind === 'group') return section.title ?? '';
  return t(section.kind === 'private' ? 'nav.privateRooms' : 'nav.otherRooms');
}

export class RoomList extends Base {
  private keydown(event: KeyboardEvent): void {
    // Arrow keys move between rooms (direct conversations included), as in a list box.
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (!(event.target as HTMLElement).classList.contains('room-link')) return;
    const links = [...this.querySelectorAll<HTMLElement>('.room-link')];
    const index = links.indexOf(document.activeElement as HTMLElement);
    const next = links[(index + (event.key === 'ArrowDown' ? 1 : -1) + links.length) % links.length];
    next?.focus();
    event.preventDefault();
  }

  private roomLink(r: RoomState, active: string | undefined) {
    return html`<li>
      <a
        class="room-link ${r.jid === active ? 'active' : ''} ${r.unread ? 'unread' : ''}"
        href="#${encodeURIComponent(r.jid)}"
        data-room=${r.jid}
        aria-current=${r.jid === active ? 'page' : 'false'}
        @click=${(e: Event) => {
          e.preventDefault();
          void session.openRoom(r.jid);
        }}
        ><span class="hash" aria-hidden="true">#</span><span class="room-name">${r.name}</span>
        ${r.mentions ? html`<span class="count mention" aria-label=${t('nav.mentions', { n: r.mentions })}>@${r.mentions}</span>` : ''}
        ${r.unread ? html`<span class="count unread-count" aria-label=${t('nav.unread', { n: r.unread })}>${r.unread}</span>` : ''}
      </a>
    </li>`;
  }

  override render() {
    const s = store.state;
    const rooms = Object.values(s.rooms);
    const sections = roomSections(rooms, s.lang);
    return html`
      <nav class="sidebar" aria-label=${t('nav.rooms')} @keydown=${(e: KeyboardEvent) => this.keydown(e)}>
        <header class="me">
          <div class="me-name" title=${s.jid}>${avatar(s.displayName, s.jid.split('/')[0], 'small')} ${s.displayName}${s.isGuest ? html` <span class="badge">${t('nav.guest')}</span>` : ''}</div>
          <connection-status></connection-status>
        </header>
        <div class="nav-actions">
          <button class="nav-button" @click=${() => store.set({ panel: s.panel === 'search' ? undefined : 'search', navOpen: false })} aria-pressed=${s.panel === 'search'}>${icon('search')} ${t('nav.search')}</button>
          ${s.isGuest ? '' : html`<button class="nav-button" @click=${() => store.set({ dialog: 'create' })}>${icon('plus')} ${t('nav.createRoom')}</button>`}
        </div>
        <h2 class="nav-title" id="rooms-title">${t('nav.rooms')}</h2>
        ${rooms.length === 0 ? html`<p class="muted small pad">${t('nav.noRooms')}</p>` : ''}
        ${sections.map(
          (section, i) => html`<section class="room-group" data-section=${section.key} aria-labelledby=${`room-section-${i}`}>
            <h3 class="room-group-title" id=${`room-section-${i}`}>${sectionTitle(section)}</h3>
            <ul class="rooms">
              ${section.rooms.map((r) => this.roomLink(r, s.active))}
            </ul>
          </section>`,
        )}
        <direct-list></direct-list>
        <people-list></people-list>
        <footer class="nav-footer">
          <button class="nav-button" @click=${() => store.set({ dialog: 'options' })}>${icon('gear')} ${t('nav.options')}</button>
          <button class="nav-button" @click=${() => void session.logout()}>${icon('logout')} ${t('nav.logout')}</button>
        </footer>
      </nav>
    `;
  }
}
customElements.define('room-list', RoomList);
