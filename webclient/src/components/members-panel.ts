// The members tab: who is here now (presence as a shape and as text, role in
// words, guests marked) and the room's other members (from the affiliation
// lists). Those the server lets invite (its answer to the invitations list)
// also get the invite-by-email form and the pending invitations with their
// delivery status, to resend or revoke.

import { html } from 'lit';
import type { PropertyValues } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import type { MessageKey } from '../i18n/index.js';
import { bareJid, domainOf, localOf, unescapeLocal } from '../xmpp/jid.js';
import type { PendingInvitation } from '../xmpp/guests.js';
import { presenceFromShow } from '../chat/people.js';
import { icon } from './icons.js';
import { presenceDot } from './presence.js';

const ROLES = new Set(['moderator', 'participant', 'visitor']);
const AFFILIATIONS = new Set(['owner', 'admin', 'member']);

export class MembersPanel extends Base {
  declare room: string;
  static override properties = { room: { type: String } };

  private notice = '';
  private error = '';

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('room') && this.room) {
      this.notice = '';
      this.error = '';
      void session.tools.refreshMembers(this.room).catch(() => undefined);
      // Guests never hold the invite right: no need to ask.
      if (!store.state.isGuest) void session.tools.refreshInvitations(this.room);
    }
  }

  /** The sentence an inviter reads when something failed; a delivery failure in plain words. */
  private failure(error: unknown, email: string): string {
    return (error as { condition?: string }).condition === 'recipient-unavailable' ? t('invite.deliveryFailed', { email }) : session.sentence(error);
  }

  private async run(action: () => Promise<string>, email: string): Promise<void> {
    this.notice = '';
    this.error = '';
    this.requestUpdate();
    try {
      this.notice = await action();
    } catch (error) {
      this.error = this.failure(error, email);
    }
    this.requestUpdate();
  }

  private async invite(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const email = String(new FormData(form).get('email') ?? '').trim();
    if (!email) return;
    await this.run(async () => {
      const outcome = await session.tools.inviteByEmail(this.room, email);
      form.reset();
      return outcome === 'member' ? t('invite.added', { email }) : t('invite.sent', { email });
    }, email);
  }

  private async resend(email: string): Promise<void> {
    await this.run(async () => {
      await session.tools.resendInvitation(this.room, email);
      return t('invite.resent', { email });
    }, email);
  }

  private async revoke(email: string): Promise<void> {
    await this.run(async () => {
      await session.tools.revokeInvitation(this.room, email);
      return '';
    }, email);
  }

  private async removeMemberOf(jid: string): Promise<void> {
    if (!window.confirm(t('members.confirmRemove', { who: unescapeLocal(localOf(jid)) }))) return;
    try {
      await session.tools.removeMember(this.room, jid);
    } catch (error) {
      this.error = session.sentence(error);
      this.requestUpdate();
    }
  }

  /** Role (occupants) or affiliation in words, and "guest" for accounts of the guest domain. */
  private describe(jid: string | undefined, role: string | undefined, affiliation: string): string {
    const words: string[] = [];
    if (role && ROLES.has(role)) words.push(t(`members.role.${role}` as MessageKey));
    if (AFFILIATIONS.has(affiliation) && (affiliation !== 'member' || !role)) words.push(t(`members.aff.${affiliation}` as MessageKey));
    if (jid && domainOf(jid) === store.state.config?.guestDomain) words.push(t('members.guest'));
    return words.join(' · ');
  }

  private invitationStatus(invitation: PendingInvitation): string {
    if (invitation.status === 'failed') return invitation.error ? `${t('invite.status.failed')} (${invitation.error})` : t('invite.status.failed');
    if (invitation.status === 'pending' || !invitation.expires) return t('invite.status.pending');
    const date = new Date(invitation.expires).toLocaleDateString(store.state.lang, { day: 'numeric', month: 'long' });
    return t('invite.status.sent', { date });
  }

  private renderInvitations(invitations: PendingInvitation[]) {
    if (!invitations.length) return '';
    return html`<h3 class="panel-sub">${t('invite.pending')} — ${invitations.length}</h3>
      <ul class="members">
        ${invitations.map(
          (i) => html`<li class="member invitation" data-status=${i.status}>
            <span class="member-name">${icon('mail')} ${i.email}<br /><span class="muted small invitation-status ${i.status === 'failed' ? 'error' : ''}">${this.invitationStatus(i)}</span></span>
            <button class="link resend" aria-label=${t('invite.resendLabel', { email: i.email })} @click=${() => void this.resend(i.email)}>${t('invite.resend')}</button>
            <button class="link revoke" aria-label=${t('invite.revokeLabel', { email: i.email })} @click=${() => void this.revoke(i.email)}>${t('invite.revoke')}</button>
          </li>`,
        )}
      </ul>`;
  }

  override render() {
    const r = store.state.rooms[this.room];
    if (!r) return html``;
    const me = bareJid(store.state.jid);
    const occupants = Object.values(r.occupants).sort((a, b) => a.nick.localeCompare(b.nick));
    const here = new Set(occupants.map((o) => o.jid).filter(Boolean));
    const away = r.members.filter((m) => !here.has(m.jid));
    const canRemove = r.nick !== undefined && r.occupants[r.nick]?.role === 'moderator';
    const removeButton = (jid: string | undefined) =>
      canRemove && jid && jid !== me ? html`<button class="icon-button remove" aria-label=${t('members.remove', { who: unescapeLocal(localOf(jid)) })} title=${t('members.remove', { who: unescapeLocal(localOf(jid)) })} @click=${() => void this.removeMemberOf(jid)}>×</button>` : '';
    const messages = html`${this.notice ? html`<p class="ok" role="status">${this.notice}</p>` : ''}${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}`;
    return html`
      <aside class="panel" aria-labelledby="members-title" data-invite=${r.canInvite === undefined ? 'unknown' : r.canInvite ? 'yes' : 'no'}>
        <header class="panel-head">
          <h2 id="members-title">${t('members.title')}</h2>
          <button class="icon-button" aria-label=${t('room.close')} @click=${() => store.set({ panel: undefined })}>${icon('close')}</button>
        </header>
        <h3 class="panel-sub">${t('members.online')} — ${occupants.length}</h3>
        <ul class="members">
          ${occupants.map(
            (o) => html`<li class="member">
              ${presenceDot(presenceFromShow(o.show))}
              <span class="member-name">${o.nick} ${o.jid === me ? html`<span class="muted">${t('members.you')}</span>` : ''}</span>
              <span class="muted small">${this.describe(o.jid, o.role, o.affiliation)}</span>
              ${removeButton(o.jid)}
            </li>`,
          )}
        </ul>
        ${away.length
          ? html`<h3 class="panel-sub">${t('members.offline')} — ${away.length}</h3>
              <ul class="members">
                ${away.map(
                  (m) => html`<li class="member offline">
                    ${presenceDot('offline')}
                    <span class="member-name">${m.nick ?? unescapeLocal(localOf(m.jid))}</span>
                    <span class="muted small">${this.describe(m.jid, undefined, m.affiliation)}</span>
                    ${removeButton(m.jid)}
                  </li>`,
                )}
              </ul>`
          : ''}
        ${r.canInvite
          ? html`<form class="invite-form pad" @submit=${(e: SubmitEvent) => void this.invite(e)}>
                <label for="invite-email">${t('invite.label')}</label>
                <div class="row">
                  <input id="invite-email" name="email" type="email" autocomplete="off" placeholder="prenom@exemple.org" />
                  <button type="submit">${t('invite.submit')}</button>
                </div>
                <p class="muted small">${t('invite.hint')}</p>
                ${messages}
              </form>
              ${this.renderInvitations(r.invitations)}`
          : html`<div class="pad">${messages}</div>`}
      </aside>
    `;
  }
}
customElements.define('members-panel', MembersPanel);
