// Picks a member or grantee: an account (typed address), a whole domain or a
// group (chosen from the lists the administrator can see). Fires
// `principal-pick` with a MemberRef and a label; the page calls the API and
// sets `error` when it refuses.

import { css, html } from 'lit';
import type { Domain, Group, MemberRef, PrincipalType } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { t } from '../i18n/index.js';
import { call } from '../state.js';
import { shared } from '../styles.js';

export interface PickDetail {
  ref: MemberRef;
  label: string;
}

let counter = 0;

export class PrincipalPicker extends I18nElement {
  static override properties = {
    types: { attribute: false },
    action: {},
    error: {},
    busy: { type: Boolean },
    kind: { state: true },
    domains: { state: true },
    groups: { state: true },
  };
  static override styles = [
    shared,
    css`
      form { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: flex-end; }
      .field { margin: 0; }
      .error { flex-basis: 100%; margin: 0; }
    `,
  ];
  declare types: PrincipalType[];
  declare action: string;
  declare error: string;
  declare busy: boolean;
  declare kind: PrincipalType;
  declare domains: Domain[];
  declare groups: Group[];
  private readonly uid = `picker-${++counter}`;

  constructor() {
    super();
    this.types = ['account', 'domain', 'group'];
    this.action = '';
    this.error = '';
    this.busy = false;
    this.kind = 'account';
    this.domains = [];
    this.groups = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.kind = this.types[0] ?? 'account';
    if (this.types.includes('domain')) call.domains().then((list) => (this.domains = list.items), () => (this.domains = []));
    if (this.types.includes('group')) call.groups().then((list) => (this.groups = list.items), () => (this.groups = []));
  }

  private submit(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (form.elements.namedItem('value') as HTMLInputElement | HTMLSelectElement | null)?.value.trim() ?? '';
    if (value === '') {
      this.error = t('picker.empty');
      return;
    }
    let detail: PickDetail;
    if (this.kind === 'account') detail = { ref: { type: 'account', jid: value }, label: value };
    else if (this.kind === 'domain') {
      const domain = this.domains.find((d) => String(d.id) === value);
      detail = { ref: { type: 'domain', id: Number(value), ...(domain ? { name: domain.name } : {}) }, label: domain?.name ?? value };
    } else {
      const group = this.groups.find((g) => String(g.id) === value);
      detail = { ref: { type: 'group', id: Number(value) }, label: group ? `${group.name} (${group.address})` : value };
    }
    this.error = '';
    this.dispatchEvent(new CustomEvent<PickDetail>('principal-pick', { detail, bubbles: true, composed: true }));
    if (this.kind === 'account') (form.elements.namedItem('value') as HTMLInputElement).value = '';
  }

  private renderValue() {
    const id = `${this.uid}-value`;
    const invalid = this.error ? 'true' : 'false';
    if (this.kind === 'account') {
      return html`<div class="field">
        <label for=${id}>${t('picker.account')}</label>
        <input id=${id} name="value" type="text" inputmode="email" autocomplete="off" placeholder="nom@exemple.org" aria-invalid=${invalid} aria-describedby="${this.uid}-error" />
      </div>`;
    }
    const options = this.kind === 'domain' ? this.domains.map((d) => ({ value: d.id, label: d.name })) : this.groups.map((g) => ({ value: g.id, label: `${g.name} (${g.address})` }));
    return html`<div class="field">
      <label for=${id}>${this.kind === 'domain' ? t('picker.domain') : t('picker.group')}</label>
      <select id=${id} name="value" aria-invalid=${invalid} aria-describedby="${this.uid}-error">
        <option value="">${t('picker.choose')}</option>
        ${options.map((option) => html`<option value=${option.value}>${option.label}</option>`)}
      </select>
    </div>`;
  }

  override render() {
    return html`
      <form @submit=${this.submit} aria-label=${this.action}>
        ${this.types.length > 1
          ? html`<div class="field">
              <label for="${this.uid}-type">${t('picker.type')}</label>
              <select id="${this.uid}-type" @change=${(event: Event) => { this.kind = (event.target as HTMLSelectElement).value as PrincipalType; this.error = ''; }}>
                ${this.types.map((type) => html`<option value=${type} ?selected=${type === this.kind}>${t(`principal.${type}`)}</option>`)}
              </select>
            </div>`
          : ''}
        ${this.renderValue()}
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.action}</button>
        <p class="error" id="${this.uid}-error" role="alert" ?hidden=${!this.error}>${this.error}</p>
      </form>
    `;
  }
}
customElements.define('principal-picker', PrincipalPicker);
