// A room: header (name, subject; start a video call, events, pins and members
// buttons), messages, composer. A direct conversation (kind 'direct') uses the
// same view with the person's name and presence and no room buttons.

import { html } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import { icon } from './icons.js';
import './message-list.js';
import './message-composer.js';
import { presenceDot } from './presence.js';
import { presenceOf } from '../chat/people.js';
import type { AppState, RoomState } from '../store.js';

export class RoomView extends Base {
  private dragging = false;

  private setDragging(on: boolean): void {
    if (this.dragging === on) return;
    this.dragging = on;
    this.requestUpdate();
  }

  /** The header's title and buttons: a room's, or a person's for a direct conversation. */
  private head(s: AppState, r: RoomState) {
    if (r.kind === 'direct') {
      return html`<div class="room-title-wrap">
        <h1 id="room-title" class="room-title">${r.name} ${presenceDot(presenceOf(s, r.jid))}</h1>
        <p class="subject muted small">${r.jid}</p>
      </div>`;
    }
    const online = Object.keys(r.occupants).length;
    return html`<div class="room-title-wrap">
        <h1 id="room-title" class="room-title"># ${r.name}</h1>
        ${r.subject ? html`<p class="subject muted small">${r.subject}</p>` : ''}
      </div>
      <button class="nav-button conference-button" aria-label=${t('room.conference')} title=${t('room.conference')} ?disabled=${!r.joined} @click=${() => void session.tools.startConference(r.jid)}>${icon('video')} <span class="label">${t('room.conference')}</span></button>
      <button class="nav-button events-button" aria-label=${t('room.events')} aria-pressed=${s.panel === 'events'} @click=${() => store.set({ panel: s.panel === 'events' ? undefined : 'events' })}>${icon('calendar')} <span class="label">${t('room.events')}</span></button>
      <button class="nav-button pins-button" aria-label=${`${t('room.pins')} (${r.pins.length})`} aria-pressed=${s.panel === 'pins'} @click=${() => store.set({ panel: s.panel === 'pins' ? undefined : 'pins' })}>${icon('pin')} <span class="label">${t('room.pins')}</span> <span class="muted">${r.pins.length}</span></button>
      <button class="nav-button members-button" aria-label=${`${t('room.members')} (${online})`} aria-pressed=${s.panel === 'members'} @click=${() => store.set({ panel: s.panel === 'members' ? undefined : 'members' })}>${icon('users')} <span class="label">${t('room.members')}</span> <span class="muted">${online}</span></button>`;
  }

  override render() {
    const s = store.state;
    const r = s.active ? s.rooms[s.active] : undefined;
    if (!r) return html`<section class="room empty"><p class="muted">${t('room.empty')}</p></section>`;
    return html`
      <section
        class="room ${this.dragging ? 'dragging' : ''}"
        aria-labelledby="room-title"
        @dragover=${(e: DragEvent) => {
          if (!e.dataTransfer?.types.includes('Files') || !r.joined) return;
          e.preventDefault();
          this.setDragging(true);
        }}
        @dragleave=${(e: DragEvent) => {
          if (e.currentTarget === e.target) this.setDragging(false);
        }}
        @drop=${(e: DragEvent) => {
          e.preventDefault();
          this.setDragging(false);
          for (const file of Array.from(e.dataTransfer?.files ?? [])) void session.files.upload(r.jid, file);
        }}
      >
        ${this.dragging ? html`<div class="drop-hint" aria-hidden="true">${t('upload.drop')}</div>` : ''}
        <header class="room-head">
          <button class="icon-button menu-button" aria-label=${t('nav.menu')} aria-expanded=${s.navOpen} @click=${() => store.set({ navOpen: !s.navOpen })}>${icon('menu')}</button>
          ${this.head(s, r)}
        </header>
        ${r.error
          ? html`<p class="error banner" role="alert">
              ${r.error}
              <button class="icon-button" aria-label=${t('room.close')} @click=${() => store.room(r.jid, () => ({ error: undefined }))}>${icon('close')}</button>
            </p>`
          : ''}
        ${s.connection === 'reconnecting' ? html`<p class="warning banner" role="status">${t('conn.reconnecting')}</p>` : ''}
        <message-list .room=${r.jid}></message-list>
        <message-composer .room=${r.jid}></message-composer>
      </section>
    `;
  }
}
customElements.define('room-view', RoomView);
