// "Messages directs / Direct messages" in the left column: my one-to-one
// conversations, newest first, with the person's presence and the unread
// count, and "New message" to write to an address (people lists stay the
// usual way in: a person's name there opens the conversation too).

import { html } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import { directConversations } from '../chat/direct.js';
import { presenceOf } from '../chat/people.js';
import { avatar } from './avatar.js';
import { presenceDot } from './presence.js';
import { icon } from './icons.js';
import { directAddress } from '../xmpp/direct.js';

export class DirectList extends Base {
  private writing = false;
  private invalid = false;

  private toggle(): void {
    this.writing = !this.writing;
    this.invalid = false;
    this.requestUpdate();
    if (this.writing) queueMicrotask(() => this.querySelector<HTMLInputElement>('#direct-address')?.focus());
  }

  private start(event: Event): void {
    event.preventDefault();
    const input = this.querySelector<HTMLInputElement>('#direct-address');
    const jid = directAddress(input?.value ?? '', store.state.config?.domain ?? '');
    this.invalid = !jid;
    if (jid) {
      this.writing = false;
      void session.direct.open(jid);
    }
    this.requestUpdate();
  }

  override render() {
    const s = store.state;
    const conversations = directConversations(Object.values(s.rooms), s.lang);
    return html`
      <section class="room-group direct-messages" aria-labelledby="direct-title">
        <h2 class="nav-title" id="direct-title">${t('direct.title')}</h2>
        <button class="nav-button direct-new" aria-expanded=${this.writing} @click=${() => this.toggle()}>${icon('plus')} ${t('direct.new')}</button>
        ${this.writing
          ? html`<form class="direct-form" @submit=${(e: Event) => this.start(e)}>
              <label class="visually-hidden" for="direct-address">${t('direct.address', { domain: s.config?.domain ?? '' })}</label>
              <input id="direct-address" type="text" autocomplete="off" placeholder=${t('direct.address', { domain: s.config?.domain ?? '' })} aria-invalid=${this.invalid} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.toggle()} />
              <button class="nav-button" type="submit">${t('direct.start')}</button>
              ${this.invalid ? html`<p class="error small" role="alert">${t('direct.invalid')}</p>` : ''}
            </form>`
          : ''}
        ${conversations.length === 0 ? html`<p class="muted small pad">${t('direct.none')}</p>` : ''}
        <ul class="rooms directs">
          ${conversations.map(
            (r) => html`<li>
              <a
                class="room-link direct-link ${r.jid === s.active ? 'active' : ''} ${r.unread ? 'unread' : ''}"
                href="#${encodeURIComponent(r.jid)}"
                data-room=${r.jid}
                aria-current=${r.jid === s.active ? 'page' : 'false'}
                @click=${(e: Event) => {
                  e.preventDefault();
                  void session.direct.open(r.jid);
                }}
                >${avatar(r.name, r.jid, 'small')}<span class="room-name">${r.name}</span>${presenceDot(presenceOf(s, r.jid))}
                ${r.unread ? html`<span class="count unread-count" aria-label=${t('nav.unread', { n: r.unread })}>${r.unread}</span>` : ''}
              </a>
            </li>`,
          )}
        </ul>
      </section>
    `;
  }
}
customElements.define('direct-list', DirectList);
