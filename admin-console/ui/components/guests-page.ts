// Guest accounts: search, select several and apply an action (delete; their
// sessions end at once), paging.

import { css, html } from 'lit';
import type { Guest, Page } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { formatDate, t } from '../i18n/index.js';
import { navigate } from '../navigation.js';
import { href } from '../router.js';
import { call } from '../state.js';
import { shared } from '../styles.js';
import { askConfirm } from './confirm-dialog.js';
import './list-pager.js';
import { errorBanner, field, messageOf, okBanner } from './page-helpers.js';

const LIMIT = 25;

export function guestName(guest: Guest): string {
  return [guest.firstName, guest.lastName].filter(Boolean).join(' ');
}

export class GuestsPage extends I18nElement {
  static override properties = { query: { attribute: false }, page: { state: true }, selected: { state: true }, error: { state: true }, notice: { state: true }, actionError: { state: true } };
  static override styles = [shared, css`.bulk { margin: 0.8rem 0; } td.check, th.check { width: 2.5rem; } input[type='checkbox'] { width: 1.15rem; height: 1.15rem; }`];
  declare query: Record<string, string>;
  declare page: Page<Guest> | undefined;
  declare selected: Set<number>;
  declare error: string;
  declare notice: string;
  declare actionError: string;

  constructor() {
    super();
    this.query = {};
    this.page = undefined;
    this.selected = new Set();
    this.error = '';
    this.notice = '';
    this.actionError = '';
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('query')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.page = await call.guests({ search: this.query['search'], limit: LIMIT, offset: Number(this.query['offset'] ?? 0) || 0 });
      this.selected = new Set([...this.selected].filter((id) => this.page?.items.some((g) => g.id === id)));
      this.error = '';
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private toggle(id: number, checked: boolean): void {
    const next = new Set(this.selected);
    if (checked) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  private toggleAll(checked: boolean): void {
    this.selected = checked ? new Set(this.page?.items.map((g) => g.id) ?? []) : new Set();
  }

  private async apply(event: Event): Promise<void> {
    event.preventDefault();
    const action = field(event.target as HTMLFormElement, 'action');
    this.actionError = '';
    this.notice = '';
    if (action !== 'delete') {
      this.actionError = t('guests.chooseAction');
      return;
    }
    if (this.selected.size === 0) {
      this.actionError = t('guests.selectFirst');
      return;
    }
    const count = this.selected.size;
    const ok = await askConfirm({ title: t('guests.deleteTitle'), message: t('guests.deleteConfirm', { count }), confirmLabel: t('common.delete'), password: true, danger: true });
    if (ok === undefined) return;
    try {
      const result = await call.deleteGuests([...this.selected], ok);
      this.selected = new Set();
      await this.load();
      this.notice = t('guests.deleted', { count: result.deleted.length });
      if (result.failed.length > 0) this.actionError = result.failed.map((f) => `#${f.id} : ${f.detail}`).join(' · ');
    } catch (error) {
      this.actionError = messageOf(error);
    }
  }

  override render() {
    const page = this.page;
    const items = page?.items ?? [];
    const all = items.length > 0 && items.every((g) => this.selected.has(g.id));
    return html`
      <h1>${t('guests.title')}</h1>
      <p class="hint">${t('guests.intro')}</p>
      <form class="row" role="search" @submit=${(e: Event) => { e.preventDefault(); navigate('guests', {}, { search: field(e.target as HTMLFormElement, 'search') }); }}>
        <label for="search">${t('common.search')}</label>
        <input id="search" name="search" type="search" .value=${this.query['search'] ?? ''} placeholder=${t('guests.searchHint')} />
        <button type="submit" class="primary">${t('common.search')}</button>
      </form>
      ${errorBanner(this.error)} ${okBanner(this.notice)}
      <form class="row bulk" @submit=${this.apply} aria-label=${t('guests.bulk')}>
        <label for="action">${t('guests.action', { count: this.selected.size })}</label>
        <select id="action" name="action"><option value="">—</option><option value="delete">${t('common.delete')}</option></select>
        <button type="submit">${t('guests.apply')}</button>
        <span class="error" role="alert" ?hidden=${!this.actionError}>${this.actionError}</span>
      </form>
      ${page
        ? html`<div class="table-wrap"><table>
              <caption class="visually-hidden">${t('guests.title')}</caption>
              <thead><tr>
                <th scope="col" class="check"><input type="checkbox" aria-label=${t('guests.selectAll')} .checked=${all} @change=${(e: Event) => this.toggleAll((e.target as HTMLInputElement).checked)} /></th>
                <th scope="col">${t('common.email')}</th><th scope="col">${t('accounts.name')}</th><th scope="col">${t('guests.lastLogin')}</th>
              </tr></thead>
              <tbody>
                ${items.map(
                  (g) => html`<tr>
                    <td class="check"><input type="checkbox" aria-label=${t('guests.select', { name: g.email ?? g.jid })} .checked=${this.selected.has(g.id)} @change=${(e: Event) => this.toggle(g.id, (e.target as HTMLInputElement).checked)} /></td>
                    <td><a href=${href('guest', { guest: g.id })}>${g.email ?? g.jid}</a></td>
                    <td>${guestName(g) || '—'}</td>
                    <td>${formatDate(g.lastLoginAt)}</td>
                  </tr>`,
                )}
              </tbody>
            </table></div>
            ${items.length === 0 ? html`<p class="muted">${t('guests.none')}</p>` : ''}
            <list-pager .total=${page.total} .offset=${page.offset} .limit=${page.limit}
              @page-change=${(event: CustomEvent<{ offset: number }>) => navigate('guests', {}, { ...this.query, offset: event.detail.offset })}></list-pager>`
        : this.error ? '' : html`<p role="status">${t('common.loading')}</p>`}
    `;
  }
}
customElements.define('guests-page', GuestsPage);
