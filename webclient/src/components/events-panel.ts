// Room events: upcoming and past events with their conference links, a
// form to create one (optionally with a conference link), deletion.

import { html } from 'lit';
import type { PropertyValues } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import { bareJid } from '../xmpp/jid.js';
import type { RoomEvent } from '../xmpp/room-events.js';
import { icon } from './icons.js';

function when(e: RoomEvent, lang: string): string {
  const start = new Date(e.start).toLocaleString(lang, { dateStyle: 'full', timeStyle: 'short' });
  return e.end ? `${start} – ${new Date(e.end).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' })}` : start;
}

export class EventsPanel extends Base {
  declare room: string;
  static override properties = { room: { type: String } };
  private creating = false;
  private error = '';

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('room') && this.room) void session.tools.refreshEvents(this.room);
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const start = new Date(String(data.get('start') ?? ''));
    const endText = String(data.get('end') ?? '');
    const end = endText ? new Date(endText) : undefined;
    const title = String(data.get('title') ?? '').trim();
    this.error = '';
    if (!title || Number.isNaN(start.getTime())) {
      this.error = t('events.missing');
      this.requestUpdate();
      return;
    }
    try {
      await session.tools.createEvent(this.room, { title, start, end, description: String(data.get('description') ?? '').trim() || undefined, conference: data.get('conference') === 'on' });
      form.reset();
      this.creating = false;
    } catch (error) {
      this.error = session.sentence(error);
    }
    this.requestUpdate();
  }

  override render() {
    const r = store.state.rooms[this.room];
    if (!r) return html``;
    const lang = store.state.lang;
    const me = bareJid(store.state.jid);
    const now = Date.now();
    return html`
      <aside class="panel" aria-labelledby="events-title">
        <header class="panel-head">
          <h2 id="events-title">${icon('calendar')} ${t('events.title')}</h2>
          <button class="icon-button" aria-label=${t('room.close')} @click=${() => store.set({ panel: undefined })}>${icon('close')}</button>
        </header>
        <div class="pad">
          ${this.creating
            ? html`<form class="event-form" @submit=${(e: SubmitEvent) => void this.submit(e)}>
                <label for="ev-title">${t('events.name')}</label>
                <input id="ev-title" name="title" maxlength="255" required />
                <label for="ev-start">${t('events.start')}</label>
                <input id="ev-start" name="start" type="datetime-local" required />
                <label for="ev-end">${t('events.end')}</label>
                <input id="ev-end" name="end" type="datetime-local" />
                <label for="ev-desc">${t('events.description')}</label>
                <textarea id="ev-desc" name="description" rows="3" maxlength="4000"></textarea>
                <label class="check"><input type="checkbox" name="conference" checked /> ${t('events.conference')}</label>
                ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
                <div class="dialog-actions">
                  <button type="button" @click=${() => {
                    this.creating = false;
                    this.requestUpdate();
                  }}>${t('create.cancel')}</button>
                  <button class="primary" type="submit">${t('create.submit')}</button>
                </div>
              </form>`
            : html`<button class="primary" @click=${() => {
                this.creating = true;
                this.requestUpdate();
              }}>${icon('plus')} ${t('events.new')}</button>`}
        </div>
        ${r.events.length === 0 ? html`<p class="muted pad">${t('events.none')}</p>` : ''}
        <ul class="results events">
          ${r.events.map(
            (e) => html`<li class="event ${e.end !== undefined ? (e.end < now ? 'past' : '') : e.start < now ? 'past' : ''}">
              <strong class="event-title">${e.title}</strong>
              <span class="muted small">${when(e, lang)}</span>
              ${e.description ? html`<span class="event-desc">${e.description}</span>` : ''}
              <span class="event-actions">
                ${e.conferenceUrl ? html`<a class="conference" href=${e.conferenceUrl} target="_blank" rel="noopener noreferrer">${icon('video')} ${t('events.join')}</a>` : ''}
                ${e.creator === me || r.occupants[r.nick ?? '']?.role === 'moderator'
                  ? html`<button class="link" @click=${() => {
                      if (window.confirm(t('events.confirmDelete'))) void session.tools.deleteEvent(this.room, e.id).catch((error: unknown) => store.room(this.room, () => ({ error: session.sentence(error) })));
                    }}>${t('message.delete')}</button>`
                  : ''}
              </span>
            </li>`,
          )}
        </ul>
      </aside>
    `;
  }
}
customElements.define('events-panel', EventsPanel);
