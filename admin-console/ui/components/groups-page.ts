// Groups: the list (optionally of one domain) and creating a group with its
// name and alias address.

import { css, html } from 'lit';
import { ApiError } from '../api/problem.js';
import type { Domain, Group } from '../api/types.js';
import { GROUP_ACCESS } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { t } from '../i18n/index.js';
import { currentRoute, navigate } from '../navigation.js';
import { href } from '../router.js';
import { call, session } from '../state.js';
import { shared } from '../styles.js';
import { errorBanner, field, messageOf, orNull } from './page-helpers.js';

export class GroupsPage extends I18nElement {
  static override properties = { groups: { state: true }, domains: { state: true }, error: { state: true }, createErrors: { state: true }, aliasDomain: { state: true } };
  static override styles = [shared, css`.alias { display: flex; align-items: center; gap: 0.4rem; } .alias input { flex: 1; }`];
  declare groups: Group[] | undefined;
  declare domains: Domain[];
  declare error: string;
  declare createErrors: Record<string, string>;
  declare aliasDomain: string;

  constructor() {
    super();
    this.groups = undefined;
    this.domains = [];
    this.error = '';
    this.createErrors = {};
    this.aliasDomain = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const domain = currentRoute().query['domain'];
    call.groups(domain ? { domain } : {}).then((list) => (this.groups = list.items), (error: unknown) => (this.error = messageOf(error)));
    const roles = session()?.roles;
    if (roles?.serverAdmin || (roles?.domainAdminOf.length ?? 0) > 0) {
      call.domains().then((list) => {
        this.domains = list.items.filter((d) => d.kind === 'regular');
        this.aliasDomain = domain ?? this.domains[0]?.name ?? '';
      }, () => (this.domains = []));
    }
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.createErrors = {};
    try {
      const group = await call.createGroup({
        domain: field(form, 'domain'),
        name: field(form, 'name'),
        alias: field(form, 'alias'),
        access: field(form, 'access') as Group['access'],
        description: orNull(field(form, 'description')),
      });
      navigate('group', { group: group.id });
    } catch (error) {
      const errors: Record<string, string> = {};
      if (error instanceof ApiError) for (const name of ['name', 'alias', 'domain']) { const m = error.forField(name); if (m) errors[name] = m; }
      this.createErrors = Object.keys(errors).length > 0 ? errors : { form: messageOf(error) };
    }
  }

  private fieldError(name: string) {
    return html`<span class="error" id="group-${name}-error" ?hidden=${!this.createErrors[name]}>${this.createErrors[name] ?? ''}</span>`;
  }

  override render() {
    return html`
      <h1>${t('groups.title')}</h1>
      ${errorBanner(this.error)}
      ${this.groups
        ? html`<div class="table-wrap"><table>
              <caption class="visually-hidden">${t('groups.title')}</caption>
              <thead><tr><th scope="col">${t('groups.name')}</th><th scope="col">${t('groups.address')}</th><th scope="col">${t('groups.access')}</th><th scope="col">TeamChat</th></tr></thead>
              <tbody>
                ${this.groups.map(
                  (g) => html`<tr>
                    <td><a href=${href('group', { group: g.id })}>${g.name}</a></td>
                    <td>${g.address}</td>
                    <td>${t(`access.${g.access}`)}</td>
                    <td>${g.teamchatEnabled ? html`<span class="badge on">${t('common.on')}</span>` : html`<span class="badge off">${t('common.off')}</span>`}</td>
                  </tr>`,
                )}
              </tbody>
            </table></div>
            ${this.groups.length === 0 ? html`<p class="muted">${t('groups.none')}</p>` : ''}`
        : this.error ? '' : html`<p role="status">${t('common.loading')}</p>`}
      ${this.domains.length > 0
        ? html`<section class="card" aria-labelledby="new-group">
            <h2 id="new-group">${t('groups.create')}</h2>
            ${errorBanner(this.createErrors['form'] ?? '')}
            <form @submit=${this.create}>
              <div class="field">
                <label for="group-domain">${t('groups.domain')}</label>
                <select id="group-domain" name="domain" @change=${(e: Event) => (this.aliasDomain = (e.target as HTMLSelectElement).value)}>
                  ${this.domains.map((d) => html`<option value=${d.name} ?selected=${d.name === this.aliasDomain}>${d.name}</option>`)}
                </select>
                ${this.fieldError('domain')}
              </div>
              <div class="field">
                <label for="group-name">${t('groups.name')}</label>
                <input id="group-name" name="name" required maxlength="190" aria-invalid=${this.createErrors['name'] ? 'true' : 'false'} aria-describedby="group-name-error" />
                ${this.fieldError('name')}
              </div>
              <div class="field">
                <label for="group-alias">${t('groups.alias')} <span class="hint">${t('groups.aliasHint')}</span></label>
                <div class="alias"><input id="group-alias" name="alias" required pattern="[a-z0-9]([a-z0-9._\\-]{0,62}[a-z0-9])?" aria-invalid=${this.createErrors['alias'] ? 'true' : 'false'} aria-describedby="group-alias-error group-alias-domain" /><span id="group-alias-domain">@${this.aliasDomain}</span></div>
                ${this.fieldError('alias')}
              </div>
              <div class="field">
                <label for="group-access">${t('groups.access')}</label>
                <select id="group-access" name="access">${GROUP_ACCESS.map((a) => html`<option value=${a}>${t(`access.${a}`)}</option>`)}</select>
              </div>
              <div class="field"><label for="group-description">${t('common.description')}</label><input id="group-description" name="description" /></div>
              <button type="submit" class="primary">${t('groups.createSubmit')}</button>
            </form>
          </section>`
        : ''}
    `;
  }
}
customElements.define('groups-page', GroupsPage);
