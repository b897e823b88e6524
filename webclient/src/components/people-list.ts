// "Personnes / People" in the left column: contacts from the roster and the
// people of the person's rooms, with avatar and presence. Guests have no
// directory: they see the people of their rooms only. A person's name opens
// the direct conversation with them.

import { html } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import { peopleOf } from '../chat/people.js';
import { avatar } from './avatar.js';
import { presenceDot } from './presence.js';

export class PeopleList extends Base {
  override render() {
    const s = store.state;
    const people = peopleOf(s, s.lang);
    return html`
      <h2 class="nav-title" id="people-title">${t('people.title')}</h2>
      ${s.isGuest ? html`<p class="muted small pad">${t('people.guestHint')}</p>` : ''}
      ${people.length === 0 ? html`<p class="muted small pad">${t('people.none')}</p>` : ''}
      <ul class="people" aria-labelledby="people-title">
        ${people.map(
          (p) => html`<li>
            <button class="person" data-jid=${p.jid} title=${`${t('direct.with', { name: p.name })} (${p.jid})`} @click=${() => void session.direct.open(p.jid)}>
              ${avatar(p.name, p.jid, 'small')}
              <span class="person-name">${p.name}</span>
              ${presenceDot(p.presence)}
            </button>
          </li>`,
        )}
      </ul>
    `;
  }
}
customElements.define('people-list', PeopleList);
