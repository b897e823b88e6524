// Chooses a set of rights: one of the presets (Lecture/Reader,
// Écrire/Author, Tous/Administrator) or custom checkboxes. Ticking boxes
// that match a preset selects that preset. Fires `rights-change` with the
// input the API takes (a preset, or the list of rights).

import { css, html } from 'lit';
import { live } from 'lit/directives/live.js';
import type { GrantInput } from '../api/endpoints.js';
import { PRESET_NAMES, RIGHT_NAMES } from '../api/types.js';
import type { RightName, Rights } from '../api/types.js';
import { PRESET_RIGHTS, inputOf, presetOf, withRead } from '../rights-presets.js';
import { I18nElement } from '../i18n-element.js';
import { t, tDynamic } from '../i18n/index.js';
import { shared } from '../styles.js';

let counter = 0;

export class RightsChooser extends I18nElement {
  static override properties = { rights: { attribute: false }, label: {}, disabled: { type: Boolean } };
  static override styles = [
    shared,
    css`
      fieldset { border: none; padding: 0; margin: 0; }
      legend { font-weight: 600; margin-bottom: 0.3rem; }
      .presets, .custom { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; }
      .custom { margin-top: 0.4rem; }
      label { font-weight: normal; display: inline-flex; align-items: center; gap: 0.3rem; min-height: 2rem; }
      input { width: 1.05rem; height: 1.05rem; }
    `,
  ];
  declare rights: Rights;
  declare label: string;
  declare disabled: boolean;
  private readonly name = `rights-${++counter}`;

  constructor() {
    super();
    this.rights = PRESET_RIGHTS.author;
    this.label = '';
    this.disabled = false;
  }

  private emit(rights: Rights): void {
    const next = withRead(rights);
    this.rights = next;
    this.dispatchEvent(new CustomEvent<{ rights: Rights; input: GrantInput }>('rights-change', { detail: { rights: next, input: inputOf(next) }, bubbles: true, composed: true }));
  }

  override render() {
    const preset = presetOf(this.rights);
    return html`
      <fieldset ?disabled=${this.disabled}>
        <legend>${this.label || t('rights.choose')}</legend>
        <div class="presets" role="radiogroup" aria-label=${t('rights.presets')}>
          ${PRESET_NAMES.map(
            (name) => html`<label>
              <input type="radio" name=${this.name} .checked=${live(preset === name)} @change=${() => this.emit(PRESET_RIGHTS[name])} />
              ${tDynamic(`preset.${name}`, name)}
            </label>`,
          )}
          <label><input type="radio" name=${this.name} .checked=${live(preset === undefined)} disabled /> ${t('preset.custom')}</label>
        </div>
        <div class="custom" role="group" aria-label=${t('rights.custom')}>
          ${RIGHT_NAMES.map(
            (right: RightName) => html`<label title=${tDynamic(`right.${right}.hint`, right)}>
              <input type="checkbox" .checked=${live(this.rights[right])} @change=${(event: Event) => this.emit({ ...this.rights, [right]: (event.target as HTMLInputElement).checked })} />
              ${tDynamic(`right.${right}`, right)}
            </label>`,
          )}
        </div>
      </fieldset>
    `;
  }
}
customElements.define('rights-chooser', RightsChooser);
