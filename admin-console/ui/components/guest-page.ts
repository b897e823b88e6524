// One guest: first and last name, description, password reset (a new
// password, or an email with a reset link), last login date and address,
// the rooms it belongs to, and deletion from the server.

import { css, html } from 'lit';
import type { Guest } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { formatDate, t } from '../i18n/index.js';
import { navigate } from '../navigation.js';
import { href } from '../router.js';
import { call } from '../state.js';
import { shared } from '../styles.js';
import { askConfirm } from './confirm-dialog.js';
import { errorBanner, field, messageOf, okBanner, orNull } from './page-helpers.js';

export class GuestPage extends I18nElement {
  static override properties = { guestId: { type: Number }, guest: { state: true }, error: { state: true }, notice: { state: true }, passwordError: { state: true } };
  static override styles = [shared, css`.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; } dl { display: grid; grid-template-columns: auto 1fr; gap: 0.3rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }`];
  declare guestId: number;
  declare guest: Guest | undefined;
  declare error: string;
  declare notice: string;
  declare passwordError: string;

  constructor() {
    super();
    this.guestId = 0;
    this.guest = undefined;
    this.error = '';
    this.notice = '';
    this.passwordError = '';
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('guestId') && this.guestId) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.guest = await call.guest(this.guestId);
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.error = '';
    this.notice = '';
    try {
      const updated = await call.updateGuest(this.guestId, { firstName: orNull(field(form, 'firstName')), lastName: orNull(field(form, 'lastName')), description: orNull(field(form, 'description')) });
      this.guest = { ...updated, rooms: updated.rooms ?? this.guest?.rooms ?? [] };
      this.notice = t('common.saved');
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private async resetPassword(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const password = field(form, 'password');
    this.passwordError = '';
    this.notice = '';
    const current = await askConfirm({ title: t('guest.resetTitle'), message: t('guest.resetConfirm', { email: this.guest?.email ?? this.guest?.jid ?? '' }), confirmLabel: t('guest.reset'), password: true });
    if (current === undefined) return;
    try {
      const result = await call.resetGuestPassword(this.guestId, current, password === '' ? undefined : password);
      form.reset();
      // A generated password is shown once, for the administrator to pass on.
      this.notice = result.generated ? t('guest.passwordGenerated', { password: result.password }) : t('guest.passwordSet');
    } catch (error) {
      this.passwordError = messageOf(error);
    }
  }

  private async deleteGuest(): Promise<void> {
    const ok = await askConfirm({ title: t('guests.deleteTitle'), message: t('guest.deleteConfirm', { email: this.guest?.email ?? this.guest?.jid ?? '' }), confirmLabel: t('common.delete'), password: true, danger: true });
    if (ok === undefined) return;
    try {
      await call.deleteGuest(this.guestId, ok);
      navigate('guests');
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  override render() {
    const g = this.guest;
    if (!g) return html`<p><a href=${href('guests')}>← ${t('nav.guests')}</a></p>${errorBanner(this.error)}${this.error ? '' : html`<p role="status">${t('common.loading')}</p>`}`;
    const rooms = g.rooms ?? [];
    return html`
      <p><a href=${href('guests')}>← ${t('nav.guests')}</a></p>
      <h1>${g.email ?? g.jid}</h1>
      ${errorBanner(this.error)} ${okBanner(this.notice)}
      <div class="columns">
        <section class="card" aria-labelledby="general-h">
          <h2 id="general-h">${t('guest.general')}</h2>
          <form @submit=${this.save}>
            <div class="field"><label for="firstName">${t('common.firstName')}</label><input id="firstName" name="firstName" .value=${g.firstName ?? ''} /></div>
            <div class="field"><label for="lastName">${t('common.lastName')}</label><input id="lastName" name="lastName" .value=${g.lastName ?? ''} /></div>
            <div class="field"><label for="description">${t('common.description')}</label><textarea id="description" name="description" rows="2" .value=${g.description ?? ''}></textarea></div>
            <button type="submit" class="primary">${t('common.save')}</button>
          </form>
        </section>
        <section class="card" aria-labelledby="login-h">
          <h2 id="login-h">${t('guest.connection')}</h2>
          <dl>
            <dt>${t('guest.jid')}</dt><dd>${g.jid}</dd>
            <dt>${t('guests.lastLogin')}</dt><dd>${formatDate(g.lastLoginAt)}</dd>
            <dt>${t('guest.lastIp')}</dt><dd>${g.lastLoginIp ?? t('common.unknownIp')}</dd>
            <dt>${t('guest.created')}</dt><dd>${formatDate(g.createdAt)}</dd>
          </dl>
          <h3>${t('account.password')}</h3>
          <form @submit=${this.resetPassword}>
            <div class="field">
              <label for="password">${t('account.newPassword')} <span class="hint">${t('guest.passwordHint')}</span></label>
              <input id="password" name="password" type="password" minlength="8" autocomplete="new-password" aria-describedby="password-error" aria-invalid=${this.passwordError ? 'true' : 'false'} />
            </div>
            <p class="error" id="password-error" role="alert" ?hidden=${!this.passwordError}>${this.passwordError}</p>
            <button type="submit">${t('guest.reset')}</button>
          </form>
        </section>
        <section class="card" aria-labelledby="rooms-h">
          <h2 id="rooms-h">${t('guest.rooms')}</h2>
          ${rooms.length === 0 ? html`<p class="muted">${t('guest.noRoom')}</p>` : ''}
          <ul>${rooms.map((room) => html`<li>${room.groupId ? html`<a href=${href('group', { group: room.groupId })}>${room.name}</a>` : room.name} <span class="muted">${room.jid}</span></li>`)}</ul>
        </section>
      </div>
      <p><button type="button" class="danger" @click=${this.deleteGuest}>${t('guest.delete')}</button></p>
    `;
  }
}
customElements.define('guest-page', GuestPage);
