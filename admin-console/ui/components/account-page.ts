// One account: names and contact, disable, the feature switches (inherit
// from the domain / on / off), the upload quota, a new password, and deletion. Setting a
// password and deleting ask for the administrator's own password again.

import { css, html } from 'lit';
import { ApiError } from '../api/problem.js';
import type { Account, Domain, Feature, Tristate } from '../api/types.js';
import { FEATURES } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { formatDate, t } from '../i18n/index.js';
import { navigate } from '../navigation.js';
import { href } from '../router.js';
import { call, isServerAdmin } from '../state.js';
import { shared } from '../styles.js';
import { askConfirm } from './confirm-dialog.js';
import { FEATURE_LABELS } from './domain-page.js';
import { errorBanner, field, messageOf, okBanner, orNull } from './page-helpers.js';
import './tristate-switch.js';
import './feature-switch.js';

export class AccountPage extends I18nElement {
  static override properties = {
    accountId: { type: Number },
    account: { state: true },
    domain: { state: true },
    error: { state: true },
    notice: { state: true },
    featureErrors: { state: true },
    passwordError: { state: true },
    stateError: { state: true },
    quotaError: { state: true },
  };
  static override styles = [shared, css`.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }`];
  declare accountId: number;
  declare account: Account | undefined;
  declare domain: Domain | undefined;
  declare error: string;
  declare notice: string;
  declare featureErrors: Partial<Record<Feature, string>>;
  declare passwordError: string;
  declare stateError: string;
  declare quotaError: string;

  constructor() {
    super();
    this.accountId = 0;
    this.account = undefined;
    this.domain = undefined;
    this.error = '';
    this.notice = '';
    this.featureErrors = {};
    this.passwordError = '';
    this.stateError = '';
    this.quotaError = '';
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('accountId') && this.accountId) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.account = await call.account(this.accountId);
      this.domain = await call.domain(this.account.domain).catch(() => undefined);
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private async patch(patch: Parameters<typeof call.updateAccount>[1], onError: (message: string) => void): Promise<void> {
    this.notice = '';
    try {
      this.account = await call.updateAccount(this.accountId, patch);
      this.notice = t('common.saved');
    } catch (error) {
      onError(messageOf(error));
    }
  }

  /** The quota is typed in MiB; empty means the server's default. */
  private saveQuota(event: Event): void {
    event.preventDefault();
    const raw = field(event.target as HTMLFormElement, 'quota').trim().replace(',', '.');
    this.quotaError = '';
    const mib = Number(raw);
    if (raw !== '' && (!Number.isFinite(mib) || mib < 0)) {
      this.quotaError = t('account.quotaInvalid');
      return;
    }
    void this.patch({ quotaBytes: raw === '' ? null : Math.round(mib * 1024 * 1024) }, (m) => (this.quotaError = m));
  }

  /** Granting the server administrator role asks for your password again; taking it away does not. */
  private async setServerAdmin(checked: boolean): Promise<void> {
    this.stateError = '';
    if (!checked) return this.patch({ serverAdmin: false }, (m) => (this.stateError = m));
    const current = await askConfirm({ title: t('account.serverAdminTitle'), message: t('account.serverAdminConfirm', { jid: this.account?.jid ?? '' }), confirmLabel: t('account.serverAdminGrant'), password: true });
    if (current === undefined) return;
    return this.patch({ serverAdmin: true, currentPassword: current }, (m) => (this.stateError = m));
  }

  private saveProfile(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.error = '';
    void this.patch(
      {
        displayName: orNull(field(form, 'displayName')),
        firstName: orNull(field(form, 'firstName')),
        lastName: orNull(field(form, 'lastName')),
        email: orNull(field(form, 'email')),
        description: orNull(field(form, 'description')),
        language: orNull(field(form, 'language')),
      },
      (message) => (this.error = message),
    );
  }

  private setFeature(feature: Feature, value: Tristate): void {
    this.featureErrors = {};
    void this.patch({ [feature]: value }, (message) => (this.featureErrors = { [feature]: message }));
  }

  private async setPassword(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const password = field(form, 'password');
    this.passwordError = '';
    this.notice = '';
    if (password !== field(form, 'password2')) {
      this.passwordError = t('account.passwordMismatch');
      return;
    }
    const current = await askConfirm({ title: t('account.passwordTitle'), message: t('account.passwordConfirm', { jid: this.account?.jid ?? '' }), confirmLabel: t('account.setPassword'), password: true });
    if (current === undefined) return;
    try {
      await call.setPassword(this.accountId, password, current);
      form.reset();
      this.notice = t('account.passwordSet');
    } catch (error) {
      this.passwordError = error instanceof ApiError ? (error.forField('password') ?? error.detail) : messageOf(error);
    }
  }

  private async deleteAccount(): Promise<void> {
    const jid = this.account?.jid ?? '';
    const current = await askConfirm({ title: t('account.deleteTitle'), message: t('account.deleteConfirm', { jid }), confirmLabel: t('common.delete'), password: true, danger: true });
    if (current === undefined) return;
    try {
      await call.deleteAccount(this.accountId, current);
      navigate('accounts');
    } catch (error) {
      this.stateError = messageOf(error);
    }
  }

  override render() {
    const a = this.account;
    if (!a) return html`<p><a href=${href('accounts')}>← ${t('nav.accounts')}</a></p>${errorBanner(this.error)}${this.error ? '' : html`<p role="status">${t('common.loading')}</p>`}`;
    return html`
      <p><a href=${href('accounts')}>← ${t('nav.accounts')}</a></p>
      <h1>${a.jid}</h1>
      <p class="muted">${t('account.lastLogin', { date: formatDate(a.lastLoginAt), ip: a.lastLoginIp ?? t('common.unknownIp') })}</p>
      ${errorBanner(this.error)} ${okBanner(this.notice)}
      <div class="columns">
        <section class="card" aria-labelledby="profile-h">
          <h2 id="profile-h">${t('account.profile')}</h2>
          <form @submit=${this.saveProfile}>
            <div class="field"><label for="displayName">${t('accounts.displayName')}</label><input id="displayName" name="displayName" .value=${a.displayName ?? ''} /></div>
            <div class="field"><label for="firstName">${t('common.firstName')}</label><input id="firstName" name="firstName" .value=${a.firstName ?? ''} /></div>
            <div class="field"><label for="lastName">${t('common.lastName')}</label><input id="lastName" name="lastName" .value=${a.lastName ?? ''} /></div>
            <div class="field"><label for="email">${t('common.email')}</label><input id="email" name="email" type="email" .value=${a.email ?? ''} /></div>
            <div class="field"><label for="description">${t('common.description')}</label><textarea id="description" name="description" rows="2" .value=${a.description ?? ''}></textarea></div>
            <div class="field">
              <label for="language">${t('account.language')}</label>
              <select id="language" name="language">
                <option value="" ?selected=${!a.language}>—</option>
                <option value="fr" ?selected=${a.language === 'fr'}>Français</option>
                <option value="en" ?selected=${a.language === 'en'}>English</option>
              </select>
            </div>
            <button type="submit" class="primary">${t('common.save')}</button>
          </form>
        </section>
        <section class="card" aria-labelledby="features-h">
          <h2 id="features-h">${t('account.features')}</h2>
          <p class="hint">${t('account.featuresHint', { domain: a.domain })}</p>
          ${FEATURES.map(
            (feature) => html`<tristate-switch
              data-feature=${feature}
              .label=${FEATURE_LABELS[feature]}
              .value=${a.policy[feature]}
              .inherited=${this.domain ? this.domain[feature] : a.effective[feature]}
              .effective=${a.effective[feature]}
              .error=${this.featureErrors[feature] ?? ''}
              @tristate-change=${(event: CustomEvent<{ value: Tristate }>) => this.setFeature(feature, event.detail.value)}
            ></tristate-switch>`,
          )}
        </section>
        <section class="card" aria-labelledby="quota-h">
          <h2 id="quota-h">${t('account.quota')}</h2>
          <form @submit=${this.saveQuota}>
            <div class="field">
              <label for="quota">${t('account.quotaLabel')} <span class="hint">${t('account.quotaHint')}</span></label>
              <input id="quota" name="quota" inputmode="decimal" .value=${a.quotaBytes === null ? '' : String(Math.round((a.quotaBytes / 1024 / 1024) * 100) / 100)}
                aria-describedby="quota-now quota-error" aria-invalid=${this.quotaError ? 'true' : 'false'} />
            </div>
            <p class="hint" id="quota-now">${t('account.quotaNow', { mib: String(Math.round((a.effectiveQuotaBytes / 1024 / 1024) * 100) / 100) })}</p>
            <p class="error" id="quota-error" role="alert" ?hidden=${!this.quotaError}>${this.quotaError}</p>
            <button type="submit" class="primary">${t('common.save')}</button>
          </form>
        </section>
        <section class="card" aria-labelledby="password-h">
          <h2 id="password-h">${t('account.password')}</h2>
          <form @submit=${this.setPassword}>
            <div class="field"><label for="password">${t('account.newPassword')}</label><input id="password" name="password" type="password" minlength="8" required autocomplete="new-password" aria-describedby="password-error" aria-invalid=${this.passwordError ? 'true' : 'false'} /></div>
            <div class="field"><label for="password2">${t('account.repeatPassword')}</label><input id="password2" name="password2" type="password" minlength="8" required autocomplete="new-password" /></div>
            <p class="error" id="password-error" role="alert" ?hidden=${!this.passwordError}>${this.passwordError}</p>
            <button type="submit" class="primary">${t('account.setPassword')}</button>
          </form>
        </section>
        <section class="card" aria-labelledby="state-h">
          <h2 id="state-h">${t('account.state')}</h2>
          <feature-switch .label=${t('account.disabledLabel')} .hint=${t('account.disabledHint')} .checked=${a.disabled} .error=${this.stateError}
            @switch-change=${(event: CustomEvent<{ checked: boolean }>) => { this.stateError = ''; void this.patch({ disabled: event.detail.checked }, (m) => (this.stateError = m)); }}></feature-switch>
          ${isServerAdmin()
            ? html`<feature-switch .label=${t('accounts.serverAdmin')} .checked=${a.serverAdmin}
                @switch-change=${(event: CustomEvent<{ checked: boolean }>) => void this.setServerAdmin(event.detail.checked)}></feature-switch>`
            : ''}
          <p><button type="button" class="danger" @click=${this.deleteAccount}>${t('account.delete')}</button></p>
        </section>
      </div>
    `;
  }
}
customElements.define('account-page', AccountPage);
