// The members tab: who is here now (presence, role) and the room's other
// members (from the affiliation lists).

import { html } from 'lit';
import type { PropertyValues } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import type { MessageKey } from '../i18n/index.js';
import { bareJid, localOf, unescapeLocal } from '../xmpp/jid.js';
import { icon } from './icons.js';

export class MembersPanel extends Base {
  declare room: string;
  static override properties = { room: { type: String } };

  private notice = '';
  private error = '';

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('room') && this.room) {
      void session.refreshMembers(this.room).catch(() => undefined);
      if (!store.state.isGuest) void session.refreshInvitations(this.room);
    }
  }

  private async invite(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const email = String(new FormData(form).get('email') ?? '').trim();
    if (!email) return;
    this.notice = '';
    this.error = '';
    try {
      const outcome = await session.inviteByEmail(this.room, email);
      this.notice = outcome === 'member' ? t('invite.added', { email }) : t('invite.sent', { email });
      form.reset();
    } catch (error) {
      this.error = session.sentence(error);
    }
    this.requestUpdate();
  }

  private async removeMemberOf(jid: string): Promise<void> {
    if (!window.confirm(t('members.confirmRemove', { who: unescapeLocal(localOf(jid)) }))) return;
    try {
      await session.removeMember(this.room, jid);
    } catch (error) {
      this.error = session.sentence(error);
      this.requestUpdate();
    }
  }

  override render() {
    const r = store.state.rooms[this.room];
    if (!r) return html``;
    const me = bareJid(store.state.jid);
    const occupants = Object.values(r.occupants).sort((a, b) => a.nick.localeCompare(b.nick));
    const here = new Set(occupants.map((o) => o.jid).filter(Boolean));
    const away = r.members.filter((m) => !here.has(m.jid));
    const roleKey = (role: string) => (`members.role.${role}` as MessageKey);
    const canRemove = r.nick !== undefined && r.occupants[r.nick]?.role === 'moderator';
    const removeButton = (jid: string | undefined) =>
      canRemove && jid && jid !== me ? html`<button class="icon-button remove" aria-label=${t('members.remove', { who: unescapeLocal(localOf(jid)) })} title=${t('members.remove', { who: unescapeLocal(localOf(jid)) })} @click=${() => void this.removeMemberOf(jid)}>×</button>` : '';
    return html`
      <aside class="panel" aria-labelledby="members-title">
        <header class="panel-head">
          <h2 id="members-title">${t('members.title')}</h2>
          <button class="icon-button" aria-label=${t('room.close')} @click=${() => store.set({ panel: undefined })}>${icon('close')}</button>
        </header>
        <h3 class="panel-sub">${t('members.online')} — ${occupants.length}</h3>
        <ul class="members">
          ${occupants.map(
            (o) => html`<li class="member">
              <span class="presence presence-${o.show}" aria-hidden="true"></span>
              <span class="member-name">${o.nick} ${o.jid === me ? html`<span class="muted">${t('members.you')}</span>` : ''}</span>
              <span class="muted small">${o.role in { moderator: 1, participant: 1, visitor: 1 } ? t(roleKey(o.role)) : ''}</span>
              ${removeButton(o.jid)}
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
                    ${removeButton(m.jid)}
                  </li>`,
                )}
              </ul>`
          : ''}
        ${store.state.isGuest
          ? ''
          : html`<form class="invite-form pad" @submit=${(e: SubmitEvent) => void this.invite(e)}>
              <label for="invite-email">${t('invite.label')}</label>
              <div class="row">
                <input id="invite-email" name="email" type="email" autocomplete="off" placeholder="prenom@exemple.org" />
                <button type="submit">${t('invite.submit')}</button>
              </div>
              <p class="muted small">${t('invite.hint')}</p>
              ${this.notice ? html`<p class="ok" role="status">${this.notice}</p>` : ''}
              ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
            </form>
            ${r.invitations.length
              ? html`<h3 class="panel-sub">${t('invite.pending')} — ${r.invitations.length}</h3>
                  <ul class="members">
                    ${r.invitations.map(
                      (i) => html`<li class="member invitation"><span class="member-name">${icon('mail')} ${i.email}</span><button class="link" @click=${() => void session.revokeInvitation(this.room, i.email).catch(() => undefined)}>${t('invite.revoke')}</button></li>`,
                    )}
                  </ul>`
              : ''}`}
      </aside>
    `;
  }
}
customElements.define('members-panel', MembersPanel);
