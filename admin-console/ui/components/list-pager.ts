// Previous / next paging for long lists, with "41–60 of 132" read out.

import { css, html } from 'lit';
import { I18nElement } from '../i18n-element.js';
import { t } from '../i18n/index.js';
import { shared } from '../styles.js';

export class ListPager extends I18nElement {
  static override properties = { total: { type: Number }, offset: { type: Number }, limit: { type: Number }, label: {} };
  static override styles = [shared, css`nav { display: flex; align-items: center; gap: 0.8rem; margin-top: 0.8rem; }`];
  declare total: number;
  declare offset: number;
  declare limit: number;
  declare label: string;

  constructor() {
    super();
    this.total = 0;
    this.offset = 0;
    this.limit = 25;
    this.label = '';
  }

  private go(offset: number): void {
    this.dispatchEvent(new CustomEvent<{ offset: number }>('page-change', { detail: { offset }, bubbles: true, composed: true }));
  }

  override render() {
    const from = this.total === 0 ? 0 : this.offset + 1;
    const to = Math.min(this.offset + this.limit, this.total);
    return html`
      <nav aria-label=${this.label || t('pager.label')}>
        <button type="button" ?disabled=${this.offset === 0} @click=${() => this.go(Math.max(0, this.offset - this.limit))}>${t('pager.previous')}</button>
        <span aria-live="polite">${t('pager.range', { from, to, total: this.total })}</span>
        <button type="button" ?disabled=${to >= this.total} @click=${() => this.go(this.offset + this.limit)}>${t('pager.next')}</button>
      </nav>
    `;
  }
}
customElements.define('list-pager', ListPager);
