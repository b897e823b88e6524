// Accounts: search, filter by domain, paging, and creating an account.
// The search and page live in the address (#/accounts?search=ali&offset=25)
// so the back button and reloads keep them.

import { css, html } from 'lit';
import { ApiError } from '../api/problem.js';
import type { Account, Domain, Page } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { t } from '../i18n/index.js';
import { navigate } from '../navigation.js';
import { href } from '../router.js';
import { call } from '../state.js';
import { shared } from '../styles.js';
import './list-pager.js';
import { errorBanner, field, messageOf, orNull } from './page-helpers.js';

const LIMIT = 25;

export class AccountsPage extends I18nElement {
  static override properties = {
    query: { attribute: false },
    page: { state: true },
    domains: { state: true },
    error: { state: true },
    createErrors: { state: true },
  };
  static override styles = [shared, css`.filters { margin-bottom: 1rem; } .filters .field { margin: 0; }`];
  declare query: Record<string, string>;
  declare page: Page<Account> | undefined;
  declare domains: Domain[];
  declare error: string;
  declare createErrors: Record<string, string>;

  constructor() {
    super();
    this.query = {};
    this.page = undefined;
    this.domains = [];
    this.error = '';
    this.createErrors = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    call.domains().then((list) => (this.domains = list.items.filter((d) => d.kind === 'regular')), () => (this.domains = []));
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('query')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.page = await call.accounts({ search: this.query['search'], domain: this.query['domain'], kind: 'user', limit: LIMIT, offset: Number(this.query['offset'] ?? 0) || 0 });
      this.error = '';
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private search(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    navigate('accounts', {}, { search: field(form, 'search'), domain: field(form, 'domain') });
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.createErrors = {};
    try {
      const account = await call.createAccount({ jid: field(form, 'jid'), password: field(form, 'password'), displayName: orNull(field(form, 'displayName')) });
      navigate('account', { account: account.id });
    } catch (error) {
      const jid = error instanceof ApiError ? error.forField('jid') : undefined;
      const password = error instanceof ApiError ? error.forField('password') : undefined;
      this.createErrors = jid || password ? { ...(jid ? { jid } : {}), ...(password ? { password } : {}) } : { form: messageOf(error) };
    }
  }

  private fieldError(name: string) {
    const message = this.createErrors[name];
    return html`<span class="error" id="new-${name}-error" ?hidden=${!message}>${message ?? ''}</span>`;
  }

  override render() {
    const page = this.page;
    return html`
      <h1>${t('accounts.title')}</h1>
      <form class="row filters" role="search" @submit=${this.search}>
        <div class="field"><label for="search">${t('common.search')}</label><input id="search" name="search" type="search" .value=${this.query['search'] ?? ''} placeholder=${t('accounts.searchHint')} /></div>
        <div class="field">
          <label for="domain">${t('accounts.domain')}</label>
          <select id="domain" name="domain">
            <option value="">${t('accounts.allDomains')}</option>
            ${this.domains.map((d) => html`<option value=${d.name} ?selected=${this.query['domain'] === d.name}>${d.name}</option>`)}
          </select>
        </div>
        <button type="submit" class="primary">${t('common.search')}</button>
      </form>
      ${errorBanner(this.error)}
      ${page
        ? html`<div class="table-wrap"><table>
              <caption class="visually-hidden">${t('accounts.title')}</caption>
              <thead><tr><th scope="col">${t('accounts.jid')}</th><th scope="col">${t('accounts.name')}</th><th scope="col">${t('accounts.state')}</th><th scope="col">TeamChat</th></tr></thead>
              <tbody>
                ${page.items.map(
                  (a) => html`<tr>
                    <td><a href=${href('account', { account: a.id })}>${a.jid}</a></td>
                    <td>${a.displayName ?? ([a.firstName, a.lastName].filter(Boolean).join(' ') || '—')}</td>
                    <td>${a.disabled ? html`<span class="badge off">${t('accounts.disabled')}</span>` : html`<span class="badge on">${t('accounts.active')}</span>`}${a.serverAdmin ? html` <span class="badge">${t('accounts.serverAdmin')}</span>` : ''}</td>
                    <td>${a.effective.teamchat ? t('common.on') : t('common.off')}</td>
                  </tr>`,
                )}
              </tbody>
            </table></div>
            ${page.items.length === 0 ? html`<p class="muted">${t('accounts.none')}</p>` : ''}
            <list-pager .total=${page.total} .offset=${page.offset} .limit=${page.limit}
              @page-change=${(event: CustomEvent<{ offset: number }>) => navigate('accounts', {}, { ...this.query, offset: event.detail.offset })}></list-pager>`
        : this.error ? '' : html`<p role="status">${t('common.loading')}</p>`}
      <section class="card" aria-labelledby="new-account">
        <h2 id="new-account">${t('accounts.create')}</h2>
        ${errorBanner(this.createErrors['form'] ?? '')}
        <form @submit=${this.create}>
          <div class="field">
            <label for="new-jid">${t('accounts.jid')}</label>
            <input id="new-jid" name="jid" required inputmode="email" autocomplete="off" placeholder="nom@exemple.org" aria-invalid=${this.createErrors['jid'] ? 'true' : 'false'} aria-describedby="new-jid-error" />
            ${this.fieldError('jid')}
          </div>
          <div class="field">
            <label for="new-password">${t('accounts.password')} <span class="hint">${t('accounts.passwordHint')}</span></label>
            <input id="new-password" name="password" type="password" required minlength="8" autocomplete="new-password" aria-invalid=${this.createErrors['password'] ? 'true' : 'false'} aria-describedby="new-password-error" />
            ${this.fieldError('password')}
          </div>
          <div class="field"><label for="new-display">${t('accounts.displayName')}</label><input id="new-display" name="displayName" /></div>
          <button type="submit" class="primary">${t('accounts.createSubmit')}</button>
        </form>
      </section>
    `;
  }
}
customElements.define('accounts-page', AccountsPage);
