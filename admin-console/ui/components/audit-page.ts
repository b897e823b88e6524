// The audit log: who changed what, when, from which address; newest first.

import { css, html } from 'lit';
import type { AuditEntry } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { formatDate, t, tDynamic } from '../i18n/index.js';
import { navigate } from '../navigation.js';
import { call } from '../state.js';
import { shared } from '../styles.js';
import { errorBanner, messageOf } from './page-helpers.js';

const LIMIT = 50;

/** `key: value · key: value`, nested values as compact JSON: readable without hiding anything. */
export function detailsText(details: Record<string, unknown>) {
  return Object.entries(details).map(
    ([key, value], index) => html`${index > 0 ? ' · ' : ''}<span class="muted">${key}</span> <code>${typeof value === 'string' ? value : JSON.stringify(value)}</code>`,
  );
}

export class AuditPage extends I18nElement {
  static override properties = { query: { attribute: false }, entries: { state: true }, error: { state: true } };
  static override styles = [shared, css`code { font-size: 0.85rem; word-break: break-word; } nav { display: flex; gap: 0.8rem; margin-top: 0.8rem; align-items: center; }`];
  declare query: Record<string, string>;
  declare entries: AuditEntry[] | undefined;
  declare error: string;

  constructor() {
    super();
    this.query = {};
    this.entries = undefined;
    this.error = '';
  }

  private get offset(): number {
    return Number(this.query['offset'] ?? 0) || 0;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('query')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.entries = (await call.audit({ limit: LIMIT, offset: this.offset })).items;
      this.error = '';
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  override render() {
    const entries = this.entries;
    return html`
      <h1>${t('audit.title')}</h1>
      ${errorBanner(this.error)}
      ${entries
        ? html`<div class="table-wrap"><table>
              <caption class="visually-hidden">${t('audit.title')}</caption>
              <thead><tr><th scope="col">${t('audit.when')}</th><th scope="col">${t('audit.who')}</th><th scope="col">${t('audit.what')}</th><th scope="col">${t('audit.target')}</th><th scope="col">${t('audit.ip')}</th><th scope="col">${t('audit.details')}</th></tr></thead>
              <tbody>
                ${entries.map(
                  (e) => html`<tr>
                    <td>${formatDate(e.createdAt)}</td>
                    <td>${e.actor}</td>
                    <td>${tDynamic(`action.${e.action}`, e.action)}</td>
                    <td>${e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '—'}</td>
                    <td>${e.ip ?? '—'}</td>
                    <td>${e.details ? detailsText(e.details) : ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table></div>
            ${entries.length === 0 ? html`<p class="muted">${t('audit.none')}</p>` : ''}
            <nav aria-label=${t('pager.label')}>
              <button type="button" ?disabled=${this.offset === 0} @click=${() => navigate('audit', {}, { offset: Math.max(0, this.offset - LIMIT) })}>${t('audit.newer')}</button>
              <button type="button" ?disabled=${entries.length < LIMIT} @click=${() => navigate('audit', {}, { offset: this.offset + LIMIT })}>${t('audit.older')}</button>
            </nav>`
        : this.error ? '' : html`<p role="status">${t('common.loading')}</p>`}
    `;
  }
}
customElements.define('audit-page', AuditPage);
