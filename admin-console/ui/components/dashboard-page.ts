// Dashboard: the state of each service (XMPP listeners, TeamChat, database,
// mail) and the TeamChat start/stop toggle. Stopping asks for the password
// again when the API requires it.

import { css, html } from 'lit';
import { ApiError } from '../api/problem.js';
import type { Status } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { t, tDynamic } from '../i18n/index.js';
import { call, isServerAdmin } from '../state.js';
import { shared } from '../styles.js';
import { askConfirm } from './confirm-dialog.js';
import './feature-switch.js';
import { errorBanner, messageOf, okBanner } from './page-helpers.js';

export class DashboardPage extends I18nElement {
  static override properties = { status: { state: true }, error: { state: true }, toggleError: { state: true }, busy: { state: true }, notice: { state: true } };
  static override styles = [
    shared,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
      .card h2 { margin-top: 0; }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 0.3rem 1rem; margin: 0; }
      dt { font-weight: 600; }
      dd { margin: 0; }
    `,
  ];
  declare status: Status | undefined;
  declare error: string;
  declare toggleError: string;
  declare busy: boolean;
  declare notice: string;

  constructor() {
    super();
    this.status = undefined;
    this.error = '';
    this.toggleError = '';
    this.busy = false;
    this.notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.status = await call.status();
      this.error = '';
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private async toggle(event: CustomEvent<{ checked: boolean }>): Promise<void> {
    const running = event.detail.checked;
    this.toggleError = '';
    this.notice = '';
    let password: string | undefined;
    if (!running) {
      password = await askConfirm({ title: t('dashboard.stopTitle'), message: t('dashboard.stopMessage'), confirmLabel: t('dashboard.stop'), password: true, danger: true });
      if (password === undefined) return;
    }
    this.busy = true;
    try {
      await this.setService(running, password);
    } catch (error) {
      // Starting may also be protected: ask for the password and try once more.
      if (error instanceof ApiError && password === undefined && (error.field === 'currentPassword' || error.condition === 'password-confirmation-required')) {
        const again = await askConfirm({ title: t('dashboard.startTitle'), message: error.detail, confirmLabel: t('dashboard.start'), password: true });
        if (again !== undefined) {
          try {
            await this.setService(running, again);
          } catch (retry) {
            this.toggleError = messageOf(retry);
          }
        }
      } else {
        this.toggleError = messageOf(error);
      }
    } finally {
      this.busy = false;
    }
  }

  private async setService(running: boolean, password: string | undefined): Promise<void> {
    const result = await call.setService(running, password);
    if (this.status) this.status = { ...this.status, teamchat: { running: result.running } };
    this.notice = result.running ? t('dashboard.started') : t('dashboard.stopped');
  }

  override render() {
    const s = this.status;
    return html`
      <h1>${t('dashboard.title')}</h1>
      ${errorBanner(this.error)} ${okBanner(this.notice)}
      ${s
        ? html`<div class="grid">
            <section class="card" aria-labelledby="teamchat-h">
              <h2 id="teamchat-h">TeamChat</h2>
              <p>${s.teamchat.running ? html`<span class="badge on">${t('dashboard.running')}</span>` : html`<span class="badge off">${t('dashboard.stoppedState')}</span>`}</p>
              <feature-switch
                .label=${t('dashboard.service')}
                .hint=${t('dashboard.serviceHint')}
                .checked=${s.teamchat.running}
                .busy=${this.busy}
                .disabled=${!isServerAdmin()}
                .error=${this.toggleError}
                @switch-change=${this.toggle}
              ></feature-switch>
            </section>
            <section class="card" aria-labelledby="xmpp-h">
              <h2 id="xmpp-h">${t('dashboard.xmpp')}</h2>
              <dl>
                ${s.xmpp.listeners.map((l) => html`<dt>${tDynamic(`listener.${l.name}`, l.name)}</dt><dd data-listener=${l.name}>${l.up ? html`<span class="badge on">${t('dashboard.up')}</span>` : html`<span class="badge off" title=${l.error ?? ''}>${t('dashboard.down')}</span>`} ${l.host}:${l.port}</dd>`)}
                ${s.xmpp.onlineSessions !== undefined && s.xmpp.onlineSessions !== null ? html`<dt>${t('dashboard.sessions')}</dt><dd>${s.xmpp.onlineSessions}</dd>` : ''}
              </dl>
              ${s.xmpp.listeners.length === 0 ? html`<p class="muted">${t('dashboard.noListener')}</p>` : ''}
            </section>
            <section class="card" aria-labelledby="db-h">
              <h2 id="db-h">${t('dashboard.database')}</h2>
              <p>${s.database.ok ? html`<span class="badge on">${t('dashboard.ok')}</span>` : html`<span class="badge off">${t('dashboard.failing')}</span>`} ${s.database.client === 'mysql' ? 'MySQL / MariaDB' : 'SQLite'}</p>
              ${s.database.error ? html`<p class="error">${s.database.error}</p>` : ''}
            </section>
            <section class="card" aria-labelledby="mail-h">
              <h2 id="mail-h">${t('dashboard.mail')}</h2>
              <p data-mail-state>${s.mail.ok ? html`<span class="badge on">${t('dashboard.ok')}</span>` : html`<span class="badge off">${t('dashboard.failing')}</span>`}
                ${s.mail.checked === 'smtp' ? t('dashboard.smtpChecked') : t('dashboard.outboxChecked')}</p>
              ${s.mail.error ? html`<p class="error">${s.mail.error}</p>` : ''}
              <dl>
                ${s.mail.outbox ? html`<dt>${t('dashboard.outbox')}</dt><dd>${s.mail.outbox}</dd>` : ''}
                ${s.mail.smtpHost ? html`<dt>SMTP</dt><dd>${s.mail.smtpHost}</dd>` : ''}
                ${s.mail.from ? html`<dt>${t('dashboard.mailFrom')}</dt><dd>${s.mail.from}</dd>` : ''}
              </dl>
            </section>
          </div>
          <p class="muted">${t('dashboard.version', { version: s.version, domain: s.domain })}</p>`
        : this.error ? '' : html`<p role="status">${t('common.loading')}</p>`}
      <button type="button" @click=${() => this.load()}>${t('common.refresh')}</button>
    `;
  }
}
customElements.define('dashboard-page', DashboardPage);
