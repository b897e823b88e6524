// FR / EN switch: two toggle buttons, the current one pressed.

import { css, html } from 'lit';
import { I18nElement } from '../i18n-element.js';
import { LOCALES, locale, setLocale, t } from '../i18n/index.js';
import { shared } from '../styles.js';

export class LocaleSwitch extends I18nElement {
  static override styles = [shared, css`
    :host { display: inline-block; }
    div { display: inline-flex; gap: 0.25rem; }
    button { min-height: 2.2rem; padding: 0.2rem 0.6rem; }
    button[aria-pressed='true'] { background: #1a4fb8; color: #fff; }
  `];

  override render() {
    return html`<div role="group" aria-label=${t('locale.label')}>
      ${LOCALES.map(
        (code) => html`<button type="button" lang=${code} aria-pressed=${locale() === code ? 'true' : 'false'} @click=${() => setLocale(code)}>
          <span aria-hidden="true">${code.toUpperCase()}</span><span class="visually-hidden">${code === 'fr' ? 'Français' : 'English'}</span>
        </button>`,
      )}
    </div>`;
  }
}
customElements.define('locale-switch', LocaleSwitch);
