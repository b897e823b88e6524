// An on/off switch (role="switch") for a domain's GroupWare, WebDAV or
// TeamChat policy. It only asks for the change (`switch-change`); the page
// calls the API and, when refused, sets `error`, shown right beside it and
// announced to screen readers.

import { css, html } from 'lit';
import { I18nElement } from '../i18n-element.js';
import { t } from '../i18n/index.js';
import { shared } from '../styles.js';

export class FeatureSwitch extends I18nElement {
  static override properties = {
    label: {},
    hint: {},
    checked: { type: Boolean },
    busy: { type: Boolean },
    disabled: { type: Boolean },
    error: {},
  };
  static override styles = [
    shared,
    css`
      .switch-row { display: flex; align-items: center; gap: 0.8rem; flex-wrap: wrap; }
      button[role='switch'] { display: inline-flex; align-items: center; gap: 0.5rem; padding: 0.3rem 0.6rem 0.3rem 0.3rem; border-color: #6b7280; color: #1b1f24; }
      .track { width: 2.6rem; height: 1.4rem; border-radius: 999px; background: #8a919c; position: relative; transition: background 0.15s; }
      .thumb { position: absolute; top: 0.15rem; left: 0.15rem; width: 1.1rem; height: 1.1rem; border-radius: 50%; background: #fff; transition: left 0.15s; }
      button[aria-checked='true'] .track { background: #14632b; }
      button[aria-checked='true'] .thumb { left: 1.35rem; }
      .name { font-weight: 600; min-width: 7rem; }
      .error { flex-basis: 100%; margin: 0.2rem 0 0; }
    `,
  ];
  declare label: string;
  declare hint: string;
  declare checked: boolean;
  declare busy: boolean;
  declare disabled: boolean;
  declare error: string;

  constructor() {
    super();
    this.label = '';
    this.hint = '';
    this.checked = false;
    this.busy = false;
    this.disabled = false;
    this.error = '';
  }

  private toggle(): void {
    this.dispatchEvent(new CustomEvent<{ checked: boolean }>('switch-change', { detail: { checked: !this.checked }, bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <div class="switch-row">
        <span class="name" id="label">${this.label}</span>
        <button
          type="button"
          role="switch"
          aria-checked=${this.checked ? 'true' : 'false'}
          aria-labelledby="label"
          aria-describedby="state hint error"
          aria-busy=${this.busy ? 'true' : 'false'}
          ?disabled=${this.disabled || this.busy}
          @click=${this.toggle}
        >
          <span class="track" aria-hidden="true"><span class="thumb"></span></span>
          <span id="state">${this.checked ? t('common.on') : t('common.off')}</span>
        </button>
        ${this.hint ? html`<span class="hint" id="hint">${this.hint}</span>` : ''}
        <p class="error" id="error" role="alert" ?hidden=${!this.error}>${this.error}</p>
      </div>
    `;
  }
}
customElements.define('feature-switch', FeatureSwitch);
