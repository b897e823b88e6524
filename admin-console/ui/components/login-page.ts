// Sign in with an account address and password. Only administrators and
// group managers get in; the API's refusal sentence is shown above the form.

import { css, html } from 'lit';
import { ApiError } from '../api/problem.js';
import { I18nElement } from '../i18n-element.js';
import { t } from '../i18n/index.js';
import { call, setSession } from '../state.js';
import { shared } from '../styles.js';
import './locale-switch.js';

export class LoginPage extends I18nElement {
  static override properties = { error: { state: true }, busy: { state: true } };
  static override styles = [
    shared,
    css`
      :host { min-height: 100vh; display: grid; place-items: center; background: #eef1f6; }
      main { width: min(26rem, calc(100% - 2rem)); }
      .card { padding: 1.8rem; }
      .top { display: flex; justify-content: space-between; align-items: center; margin-bottom: 1rem; }
      h1 { margin: 0; }
      .field { max-width: none; }
      button[type='submit'] { width: 100%; margin-top: 0.4rem; }
    `,
  ];
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.error = '';
    this.busy = false;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const jid = String(data.get('jid') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!jid || !password) {
      this.error = t('login.missing');
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const session = await call.login(jid, password);
      setSession(session.csrfToken ? session : await call.session());
    } catch (error) {
      this.error = error instanceof ApiError ? error.detail : String(error);
      (form.elements.namedItem('password') as HTMLInputElement).select();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <main>
        <div class="card">
          <div class="top"><h1>${t('app.title')}</h1><locale-switch></locale-switch></div>
          <p class="muted">${t('login.intro')}</p>
          <p class="banner error" role="alert" ?hidden=${!this.error}>${this.error}</p>
          <form @submit=${this.submit} aria-label=${t('login.title')}>
            <div class="field">
              <label for="jid">${t('login.jid')}</label>
              <input id="jid" name="jid" type="text" inputmode="email" autocomplete="username" required autofocus aria-invalid=${this.error ? 'true' : 'false'} />
            </div>
            <div class="field">
              <label for="password">${t('login.password')}</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required aria-invalid=${this.error ? 'true' : 'false'} />
            </div>
            <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t('login.busy') : t('login.submit')}</button>
          </form>
        </div>
      </main>
    `;
  }
}
customElements.define('login-page', LoginPage);
