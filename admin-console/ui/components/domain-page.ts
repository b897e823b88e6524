// A domain's properties: description, the GroupWare / WebDAV / TeamChat
// switches (a refusal, such as TeamChat without the other two, is shown
// next to the switch that was turned), and its administrators.

import { css, html } from 'lit';
import type { Domain, Feature } from '../api/types.js';
import { FEATURES } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { t } from '../i18n/index.js';
import { href } from '../router.js';
import { call, isServerAdmin } from '../state.js';
import { shared } from '../styles.js';
import './feature-switch.js';
import { askConfirm } from './confirm-dialog.js';
import { errorBanner, field, messageOf, okBanner, orNull } from './page-helpers.js';

export const FEATURE_LABELS: Record<Feature, string> = { groupware: 'GroupWare', webdav: 'WebDAV', teamchat: 'TeamChat' };

/** Finds an account's id from its address, through the accounts search. */
export async function accountIdOf(jid: string): Promise<number | undefined> {
  const at = jid.lastIndexOf('@');
  if (at <= 0) return undefined;
  // The search matches names and local parts; the domain narrows it to one.
  const page = await call.accounts({ search: jid.slice(0, at), domain: jid.slice(at + 1).toLowerCase(), limit: 200 });
  return page.items.find((account) => account.jid.toLowerCase() === jid.toLowerCase())?.id;
}

export class DomainPage extends I18nElement {
  static override properties = {
    name: {},
    domain: { state: true },
    error: { state: true },
    notice: { state: true },
    switchErrors: { state: true },
    busy: { state: true },
    adminError: { state: true },
  };
  static override styles = [shared, css`ul.admins { padding-left: 1.2rem; } ul.admins li { margin-bottom: 0.3rem; }`];
  declare name: string;
  declare domain: Domain | undefined;
  declare error: string;
  declare notice: string;
  declare switchErrors: Partial<Record<Feature, string>>;
  declare busy: Feature | undefined;
  declare adminError: string;

  constructor() {
    super();
    this.name = '';
    this.domain = undefined;
    this.error = '';
    this.notice = '';
    this.switchErrors = {};
    this.busy = undefined;
    this.adminError = '';
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('name') && this.name) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.domain = await call.domain(this.name);
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private async switchFeature(feature: Feature, checked: boolean): Promise<void> {
    this.switchErrors = {};
    this.notice = '';
    this.busy = feature;
    try {
      this.domain = { ...(this.domain as Domain), ...(await call.updateDomain(this.name, { [feature]: checked })) };
      this.notice = t('domain.saved');
    } catch (error) {
      this.switchErrors = { [feature]: messageOf(error) };
    } finally {
      this.busy = undefined;
    }
  }

  private async saveDescription(event: Event): Promise<void> {
    event.preventDefault();
    this.error = '';
    try {
      this.domain = { ...(this.domain as Domain), ...(await call.updateDomain(this.name, { description: orNull(field(event.target as HTMLFormElement, 'description')) })) };
      this.notice = t('domain.saved');
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private async addAdmin(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const jid = field(form, 'admin');
    this.adminError = '';
    try {
      const id = await accountIdOf(jid);
      if (id === undefined) {
        this.adminError = t('common.noSuchAccount', { jid });
        return;
      }
      const current = await askConfirm({ title: t('domain.addAdminTitle'), message: t('domain.addAdminConfirm', { jid, domain: this.name }), confirmLabel: t('common.add'), password: true });
      if (current === undefined) return;
      await call.addDomainAdmin(this.name, id, current);
      form.reset();
      await this.load();
    } catch (error) {
      this.adminError = messageOf(error);
    }
  }

  private async removeAdmin(id: number): Promise<void> {
    this.adminError = '';
    try {
      await call.removeDomainAdmin(this.name, id);
      await this.load();
    } catch (error) {
      this.adminError = messageOf(error);
    }
  }

  override render() {
    const d = this.domain;
    return html`
      <p><a href=${href('domains')}>← ${t('nav.domains')}</a></p>
      <h1>${this.name}</h1>
      ${errorBanner(this.error)} ${okBanner(this.notice)}
      ${d
        ? html`
            <section class="card" aria-labelledby="features-h">
              <h2 id="features-h">${t('domain.features')}</h2>
              <p class="hint">${t('domain.featuresHint')}</p>
              ${FEATURES.map(
                (feature) => html`<feature-switch
                  data-feature=${feature}
                  .label=${FEATURE_LABELS[feature]}
                  .hint=${t(`feature.${feature}.hint`)}
                  .checked=${d[feature]}
                  .busy=${this.busy === feature}
                  .error=${this.switchErrors[feature] ?? ''}
                  @switch-change=${(event: CustomEvent<{ checked: boolean }>) => this.switchFeature(feature, event.detail.checked)}
                ></feature-switch>`,
              )}
            </section>
            <section class="card" aria-labelledby="props-h">
              <h2 id="props-h">${t('domain.properties')}</h2>
              <p>${t('domains.kind')} : ${d.kind === 'guest' ? t('domains.kindGuest') : t('domains.kindRegular')}</p>
              <form @submit=${this.saveDescription}>
                <div class="field"><label for="description">${t('common.description')}</label><input id="description" name="description" .value=${d.description ?? ''} /></div>
                <button type="submit" class="primary">${t('common.save')}</button>
              </form>
              <p><a href=${href('accounts', {}, { domain: d.name })}>${t('domain.accounts')}</a> · <a href=${href('groups', {}, { domain: d.name })}>${t('domain.groups')}</a></p>
            </section>
            <section class="card" aria-labelledby="admins-h">
              <h2 id="admins-h">${t('domain.admins')}</h2>
              ${(d.admins ?? []).length === 0 ? html`<p class="muted">${t('domain.noAdmin')}</p>` : ''}
              <ul class="admins">
                ${(d.admins ?? []).map(
                  (admin) => html`<li>${admin.jid} ${isServerAdmin()
                    ? html`<button type="button" class="link" aria-label=${t('domain.removeAdmin', { jid: admin.jid })} @click=${() => this.removeAdmin(admin.id)}>${t('common.remove')}</button>`
                    : ''}</li>`,
                )}
              </ul>
              ${isServerAdmin()
                ? html`<form class="row" @submit=${this.addAdmin}>
                    <label for="admin">${t('domain.addAdmin')}</label>
                    <input id="admin" name="admin" required placeholder="nom@${d.name}" aria-describedby="admin-error" />
                    <button type="submit">${t('common.add')}</button>
                    <span class="error" id="admin-error" role="alert" ?hidden=${!this.adminError}>${this.adminError}</span>
                  </form>`
                : ''}
            </section>`
        : this.error ? '' : html`<p role="status">${t('common.loading')}</p>`}
    `;
  }
}
customElements.define('domain-page', DomainPage);
