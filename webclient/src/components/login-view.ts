// The sign-in form: email address or JID, and password.

import { html } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';

export class LoginView extends Base {
  private busy = false;

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.requestUpdate();
    await session.login(String(data.get('identifier') ?? ''), String(data.get('password') ?? ''));
    this.busy = false;
    this.requestUpdate();
    if (store.state.loginError) (form.querySelector('input[name=password]') as HTMLInputElement | null)?.select();
  }

  override render() {
    const error = store.state.loginError;
    return html`
      <main class="login" aria-labelledby="login-title">
        <form class="card" @submit=${(e: SubmitEvent) => void this.submit(e)} novalidate>
          <h1 id="login-title"><span class="logo" aria-hidden="true">◆</span> ${t('appName')}</h1>
          <p class="muted">${t('login.title')}</p>
          <label for="identifier">${t('login.identifier')}</label>
          <input id="identifier" name="identifier" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus />
          <label for="password">${t('login.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
          <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('login.busy') : t('login.submit')}</button>
          <p class="muted small">${t('login.hint')}</p>
          <p class="lang-switch">
            <button type="button" class="link" aria-pressed=${store.state.lang === 'fr'} @click=${() => session.account.setLanguage('fr')}>Français</button>
            ·
            <button type="button" class="link" aria-pressed=${store.state.lang === 'en'} @click=${() => session.account.setLanguage('en')}>English</button>
          </p>
        </form>
      </main>
    `;
  }
}
customElements.define('login-view', LoginView);
