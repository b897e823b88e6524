// The members tab: who is here now (presence, role) and the room's other
// members (from the affiliation lists).

import { html } from 'lit';
import type { PropertyValues } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import type { MessageKey } from '../i18n/index.js';
import { bareJid, localOf, unescapeLocal } from '../xmpp/jid.js';

export class MembersPanel extends Base {
  declare room: string;
  static override properties = { room: { type: String } };

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('room') && this.room) void session.refreshMembers(this.room).catch(() => undefined);
  }

  override render() {
    const r = store.state.rooms[this.room];
    if (!r) return html``;
    const me = bareJid(store.state.jid);
    const occupants = Object.values(r.occupants).sort((a, b) => a.nick.localeCompare(b.nick));
    const here = new Set(occupants.map((o) => o.jid).filter(Boolean));
    const away = r.members.filter((m) => !here.has(m.jid));
    const roleKey = (role: string) => (`members.role.${role}` as MessageKey);
    return html`
      <aside class="panel" aria-labelledby="members-title">
        <header class="panel-head">
          <h2 id="members-title">${t('members.title')}</h2>
          <button class="icon-button" aria-label=${t('room.close')} @click=${() => store.set({ panel: undefined })}>✕</button>
        </header>
        <h3 class="panel-sub">${t('members.online')} — ${occupants.length}</h3>
        <ul class="members">
          ${occupants.map(
            (o) => html`<li class="member">
              <span class="presence presence-${o.show}" aria-hidden="true"></span>
              <span class="member-name">${o.nick} ${o.jid === me ? html`<span class="muted">${t('members.you')}</span>` : ''}</span>
              <span class="muted small">${o.role in { moderator: 1, participant: 1, visitor: 1 } ? t(roleKey(o.role)) : ''}</span>
            </li>`,
          )}
        </ul>
        ${away.length
          ? html`<h3 class="panel-sub">${t('members.offline')} — ${away.length}</h3>
              <ul class="members">
                ${away.map(
                  (m) => html`<li class="member offline">
                    <span class="presence presence-offline" aria-hidden="true"></span>
                    <span class="member-name">${m.nick ?? unescapeLocal(localOf(m.jid))}</span>
                    <span class="muted small">${t(`members.aff.${m.affiliation}` as MessageKey)}</span>
                  </li>`,
                )}
              </ul>`
          : ''}
      </aside>
    `;
  }
}
customElements.define('members-panel', MembersPanel);
