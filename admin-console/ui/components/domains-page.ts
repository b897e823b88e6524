// Domains: the list with each domain's switches, and creating a domain
// (server administrators).

import { html } from 'lit';
import { ApiError } from '../api/problem.js';
import type { Domain } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { t } from '../i18n/index.js';
import { navigate } from '../navigation.js';
import { href } from '../router.js';
import { call, isServerAdmin } from '../state.js';
import { shared } from '../styles.js';
import { errorBanner, field, messageOf, orNull } from './page-helpers.js';

export function onOff(value: boolean) {
  return html`<span class=${value ? 'badge on' : 'badge off'}>${value ? t('common.on') : t('common.off')}</span>`;
}

export class DomainsPage extends I18nElement {
  static override properties = { domains: { state: true }, error: { state: true }, createError: { state: true }, nameError: { state: true } };
  static override styles = [shared];
  declare domains: Domain[] | undefined;
  declare error: string;
  declare createError: string;
  declare nameError: string;

  constructor() {
    super();
    this.domains = undefined;
    this.error = '';
    this.createError = '';
    this.nameError = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    call.domains().then((list) => (this.domains = list.items), (error: unknown) => (this.error = messageOf(error)));
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.createError = '';
    this.nameError = '';
    try {
      const domain = await call.createDomain({ name: field(form, 'name'), kind: field(form, 'kind') === 'guest' ? 'guest' : 'regular', description: orNull(field(form, 'description')) });
      navigate('domain', { domain: domain.name });
    } catch (error) {
      const forName = error instanceof ApiError ? error.forField('name') : undefined;
      if (forName) this.nameError = forName;
      else this.createError = messageOf(error);
    }
  }

  override render() {
    return html`
      <h1>${t('domains.title')}</h1>
      ${errorBanner(this.error)}
      ${this.domains
        ? html`<div class="table-wrap"><table>
            <caption class="visually-hidden">${t('domains.title')}</caption>
            <thead><tr><th scope="col">${t('domains.name')}</th><th scope="col">${t('domains.kind')}</th><th scope="col">GroupWare</th><th scope="col">WebDAV</th><th scope="col">TeamChat</th></tr></thead>
            <tbody>
              ${this.domains.map(
                (d) => html`<tr>
                  <td><a href=${href('domain', { domain: d.name })}>${d.name}</a></td>
                  <td>${d.kind === 'guest' ? t('domains.kindGuest') : t('domains.kindRegular')}</td>
                  <td>${onOff(d.groupware)}</td><td>${onOff(d.webdav)}</td><td>${onOff(d.teamchat)}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>
          ${this.domains.length === 0 ? html`<p class="muted">${t('domains.none')}</p>` : ''}`
        : this.error ? '' : html`<p role="status">${t('common.loading')}</p>`}
      ${isServerAdmin()
        ? html`<section class="card" aria-labelledby="new-domain">
            <h2 id="new-domain">${t('domains.create')}</h2>
            ${errorBanner(this.createError)}
            <form @submit=${this.create}>
              <div class="field">
                <label for="domain-name">${t('domains.name')}</label>
                <input id="domain-name" name="name" required placeholder="exemple.org" aria-invalid=${this.nameError ? 'true' : 'false'} aria-describedby="domain-name-error" />
                <span class="error" id="domain-name-error" ?hidden=${!this.nameError}>${this.nameError}</span>
              </div>
              <div class="field">
                <label for="domain-kind">${t('domains.kind')}</label>
                <select id="domain-kind" name="kind"><option value="regular">${t('domains.kindRegular')}</option><option value="guest">${t('domains.kindGuest')}</option></select>
              </div>
              <div class="field"><label for="domain-description">${t('common.description')}</label><input id="domain-description" name="description" /></div>
              <button type="submit" class="primary">${t('domains.createSubmit')}</button>
            </form>
          </section>`
        : ''}
    `;
  }
}
customElements.define('domains-page', DomainsPage);
