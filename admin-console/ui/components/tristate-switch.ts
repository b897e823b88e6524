// Three-state choice for an account's feature: inherit from the domain, on,
// or off. A radio group (arrow keys move between the choices), showing what
// "inherit" currently means and the refusal reason beside it.

import { css, html } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Tristate } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { t } from '../i18n/index.js';
import { shared } from '../styles.js';

let counter = 0;

export class TristateSwitch extends I18nElement {
  static override properties = {
    label: {},
    value: { attribute: false },
    inherited: { type: Boolean },
    effective: { type: Boolean },
    busy: { type: Boolean },
    error: {},
  };
  static override styles = [
    shared,
    css`
      fieldset { border: 1px solid #d0d5dd; border-radius: 8px; padding: 0.5rem 0.9rem 0.7rem; margin: 0 0 0.8rem; }
      legend { font-weight: 600; padding: 0 0.3rem; }
      .choices { display: flex; flex-wrap: wrap; gap: 1.2rem; }
      .choices label { font-weight: normal; display: inline-flex; align-items: center; gap: 0.35rem; min-height: 2rem; }
      input[type='radio'] { width: 1.1rem; height: 1.1rem; }
      .error { margin: 0.4rem 0 0; }
    `,
  ];
  declare label: string;
  declare value: Tristate;
  /** The domain's value, which "inherit" follows. */
  declare inherited: boolean;
  /** What applies to the account in the end (dependencies included). */
  declare effective: boolean;
  declare busy: boolean;
  declare error: string;
  private readonly name = `tristate-${++counter}`;

  constructor() {
    super();
    this.label = '';
    this.value = null;
    this.inherited = false;
    this.effective = false;
    this.busy = false;
    this.error = '';
  }

  private choose(value: Tristate): void {
    if (value === this.value) return;
    this.dispatchEvent(new CustomEvent<{ value: Tristate }>('tristate-change', { detail: { value }, bubbles: true, composed: true }));
  }

  override render() {
    const choices: [Tristate, string, string][] = [
      [null, 'inherit', t('tristate.inherit', { value: this.inherited ? t('common.on') : t('common.off') })],
      [true, 'on', t('tristate.on')],
      [false, 'off', t('tristate.off')],
    ];
    return html`
      <fieldset aria-describedby="${this.name}-effective ${this.name}-error" ?disabled=${this.busy}>
        <legend>${this.label}</legend>
        <div class="choices">
          ${choices.map(
            ([value, key, text]) => html`<label>
              <input type="radio" name=${this.name} value=${key} .checked=${live(this.value === value)} @change=${() => this.choose(value)} />
              ${text}
            </label>`,
          )}
        </div>
        <p class="hint" id="${this.name}-effective">${t('tristate.effective', { value: this.effective ? t('common.on') : t('common.off') })}</p>
        <p class="error" id="${this.name}-error" role="alert" ?hidden=${!this.error}>${this.error}</p>
      </fieldset>
    `;
  }
}
customElements.define('tristate-switch', TristateSwitch);
