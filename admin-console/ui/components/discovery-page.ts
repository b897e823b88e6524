// Discovery (SmartDiscover): the public host name, the service hosts
// (SMTP, POP3, IMAP, XMPP, SIP) with their connection mode, and the service
// URLs. A URL is checked before it is saved; a refusal names the exact
// reason (not https, no path, certificate expired, name mismatch, …).

import { css, html } from 'lit';
import { ApiError } from '../api/problem.js';
import type { Discovery, HostMode, HostService, ServiceHost, UrlCheck, UrlName, UrlRefusal } from '../api/types.js';
import { HOST_MODES, HOST_SERVICES, URL_NAMES } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { t, tDynamic } from '../i18n/index.js';
import { call } from '../state.js';
import { shared } from '../styles.js';
import { errorBanner, field, messageOf, okBanner } from './page-helpers.js';

type UrlState = { kind: 'ok' | 'error'; text: string };

const DEFAULT_PORTS: Record<HostService, number> = { smtp: 587, pop3: 995, imap: 993, xmpp: 5222, sip: 5061 };

const REFUSALS: readonly string[] = ['not-https', 'no-path', 'invalid-url', 'certificate-expired', 'name-mismatch', 'self-signed', 'untrusted-certificate', 'unreachable'] satisfies UrlRefusal[];

/** The refusal reason of a 422 from PUT /api/discovery/urls: an extension member, or the problem type itself. */
function refusalOf(error: ApiError): UrlRefusal | undefined {
  const reason = typeof error.extra['reason'] === 'string' ? error.extra['reason'] : error.condition;
  return REFUSALS.includes(reason) ? (reason as UrlRefusal) : undefined;
}

/** The sentence for a refused URL: the reason's name, then the server's detail. */
export function refusalText(check: Pick<UrlCheck, 'reason' | 'detail'>): string {
  const reason = check.reason ? tDynamic(`url.reason.${check.reason}`, check.reason) : '';
  if (reason && check.detail) return `${reason} — ${check.detail}`;
  return reason || check.detail || t('discovery.refused');
}

export class DiscoveryPage extends I18nElement {
  static override properties = { discovery: { state: true }, error: { state: true }, notice: { state: true }, hostErrors: { state: true }, urlStates: { state: true }, publicHostError: { state: true } };
  static override styles = [
    shared,
    css`
      td input, td select { width: 100%; }
      td.port { width: 7rem; }
      td.actions { white-space: nowrap; }
      .url-row { display: grid; grid-template-columns: 14rem 1fr auto; gap: 0.6rem; align-items: center; padding: 0.5rem 0; border-bottom: 1px solid #e5e7eb; }
      .url-row input { width: 100%; }
      .url-row .result { grid-column: 2 / 4; margin: 0; }
      @media (max-width: 900px) { .url-row { grid-template-columns: 1fr; } .url-row .result { grid-column: 1; } }
    `,
  ];
  declare discovery: Discovery | undefined;
  declare error: string;
  declare notice: string;
  declare hostErrors: Record<string, string>;
  declare urlStates: Partial<Record<UrlName, UrlState>>;
  declare publicHostError: string;

  constructor() {
    super();
    this.discovery = undefined;
    this.error = '';
    this.notice = '';
    this.hostErrors = {};
    this.urlStates = {};
    this.publicHostError = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.discovery = await call.discovery();
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private async savePublicHost(event: Event): Promise<void> {
    event.preventDefault();
    this.publicHostError = '';
    this.notice = '';
    try {
      const { host } = await call.setPublicHost(field(event.target as HTMLFormElement, 'publicHost'));
      if (this.discovery) this.discovery = { ...this.discovery, publicHost: host };
      this.notice = t('common.saved');
    } catch (error) {
      this.publicHostError = messageOf(error);
    }
  }

  private hostInput(form: HTMLFormElement): { service: HostService; host: string; port: number; mode: HostMode } {
    return { service: field(form, 'service') as HostService, host: field(form, 'host'), port: Number(field(form, 'port')), mode: field(form, 'mode') as HostMode };
  }

  private async saveHost(event: Event, host: ServiceHost | undefined): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const key = host ? String(host.id) : 'new';
    this.hostErrors = {};
    this.notice = '';
    try {
      if (host) await call.updateHost(host.id, this.hostInput(form));
      else {
        await call.addHost(this.hostInput(form));
        form.reset();
      }
      await this.load();
      this.notice = t('common.saved');
    } catch (error) {
      this.hostErrors = { [key]: messageOf(error) };
    }
  }

  private async deleteHost(host: ServiceHost): Promise<void> {
    this.hostErrors = {};
    try {
      await call.deleteHost(host.id);
      await this.load();
    } catch (error) {
      this.hostErrors = { [String(host.id)]: messageOf(error) };
    }
  }

  private urlValue(name: UrlName): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`#url-${name}`)?.value.trim() ?? '';
  }

  private setUrlState(name: UrlName, state: UrlState | undefined): void {
    const next = { ...this.urlStates };
    if (state) next[name] = state;
    else delete next[name];
    this.urlStates = next;
  }

  private async checkUrl(name: UrlName): Promise<void> {
    this.setUrlState(name, { kind: 'ok', text: t('discovery.checking') });
    try {
      const check = await call.checkUrl(this.urlValue(name));
      this.setUrlState(name, check.ok ? { kind: 'ok', text: t('discovery.valid') } : { kind: 'error', text: refusalText(check) });
    } catch (error) {
      this.setUrlState(name, { kind: 'error', text: messageOf(error) });
    }
  }

  private async saveUrl(event: Event, name: UrlName): Promise<void> {
    event.preventDefault();
    const url = this.urlValue(name);
    this.setUrlState(name, { kind: 'ok', text: t('discovery.checking') });
    try {
      if (url === '') await call.deleteUrl(name);
      else await call.setUrl(name, url);
      this.setUrlState(name, { kind: 'ok', text: url === '' ? t('discovery.urlRemoved') : t('discovery.urlSaved') });
    } catch (error) {
      this.setUrlState(name, { kind: 'error', text: error instanceof ApiError ? refusalText({ reason: refusalOf(error), detail: error.detail }) : messageOf(error) });
    }
  }

  private renderHostRow(host: ServiceHost | undefined) {
    const key = host ? String(host.id) : 'new';
    const formId = `host-form-${key}`;
    const error = this.hostErrors[key];
    return html`<tr>
      <td>
        <form id=${formId} @submit=${(e: Event) => this.saveHost(e, host)}></form>
        <select form=${formId} name="service" aria-label=${t('discovery.service')}
          @change=${(e: Event) => { if (!host) { const port = this.renderRoot.querySelector<HTMLInputElement>(`#port-${key}`); if (port && !port.value) port.value = String(DEFAULT_PORTS[(e.target as HTMLSelectElement).value as HostService]); } }}>
          ${HOST_SERVICES.map((s) => html`<option value=${s} ?selected=${host?.service === s}>${s.toUpperCase()}</option>`)}
        </select>
      </td>
      <td><input form=${formId} name="host" required aria-label=${t('discovery.host')} .value=${host?.host ?? ''} placeholder="mail.exemple.org" aria-describedby="host-error-${key}" /></td>
      <td class="port"><input form=${formId} id="port-${key}" name="port" type="number" min="1" max="65535" required aria-label=${t('discovery.port')} .value=${host ? String(host.port) : ''} /></td>
      <td>
        <select form=${formId} name="mode" aria-label=${t('discovery.mode')}>
          ${HOST_MODES.map((m) => html`<option value=${m} ?selected=${(host?.mode ?? 'starttls') === m}>${tDynamic(`mode.${m}`, m)}</option>`)}
        </select>
      </td>
      <td class="actions">
        <button form=${formId} type="submit" class=${host ? '' : 'primary'}>${host ? t('common.save') : t('common.add')}</button>
        ${host ? html`<button type="button" class="danger" aria-label=${t('discovery.removeHost', { host: host.host })} @click=${() => this.deleteHost(host)}>${t('common.remove')}</button>` : ''}
        <div class="error" id="host-error-${key}" role="alert" ?hidden=${!error}>${error ?? ''}</div>
      </td>
    </tr>`;
  }

  override render() {
    const d = this.discovery;
    return html`
      <h1>${t('discovery.title')}</h1>
      <p class="hint">${t('discovery.intro')}</p>
      ${errorBanner(this.error)} ${okBanner(this.notice)}
      ${d
        ? html`
            <section class="card" aria-labelledby="public-h">
              <h2 id="public-h">${t('discovery.publicHost')}</h2>
              <form class="row" @submit=${this.savePublicHost}>
                <label for="publicHost" class="visually-hidden">${t('discovery.publicHost')}</label>
                <input id="publicHost" name="publicHost" required .value=${d.publicHost ?? ''} placeholder="chat.exemple.org" aria-describedby="public-error" aria-invalid=${this.publicHostError ? 'true' : 'false'} />
                <button type="submit" class="primary">${t('common.save')}</button>
                <span class="error" id="public-error" role="alert" ?hidden=${!this.publicHostError}>${this.publicHostError}</span>
              </form>
            </section>
            <section class="card" aria-labelledby="hosts-h">
              <h2 id="hosts-h">${t('discovery.hosts')}</h2>
              <div class="table-wrap"><table>
                <thead><tr><th scope="col">${t('discovery.service')}</th><th scope="col">${t('discovery.host')}</th><th scope="col">${t('discovery.port')}</th><th scope="col">${t('discovery.mode')}</th><th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th></tr></thead>
                <tbody>${d.hosts.map((host) => this.renderHostRow(host))}${this.renderHostRow(undefined)}</tbody>
              </table></div>
            </section>
            <section class="card" aria-labelledby="urls-h">
              <h2 id="urls-h">${t('discovery.urls')}</h2>
              <p class="hint">${t('discovery.urlsHint')}</p>
              ${URL_NAMES.map((name) => {
                const saved = d.urls.find((u) => u.name === name);
                const state = this.urlStates[name];
                return html`<form class="url-row" data-url=${name} @submit=${(e: Event) => this.saveUrl(e, name)}>
                  <label for="url-${name}">${tDynamic(`url.${name}`, name)}</label>
                  <input id="url-${name}" type="text" inputmode="url" .value=${saved?.url ?? ''} placeholder="https://${d.publicHost ?? 'chat.exemple.org'}/…"
                    aria-describedby="url-result-${name}" aria-invalid=${state?.kind === 'error' ? 'true' : 'false'} />
                  <span class="row">
                    <button type="button" @click=${() => this.checkUrl(name)}>${t('discovery.check')}</button>
                    <button type="submit" class="primary">${t('common.save')}</button>
                  </span>
                  <p class="result ${state?.kind === 'error' ? 'error' : 'ok'}" id="url-result-${name}" role=${state?.kind === 'error' ? 'alert' : 'status'}>${state?.text ?? ''}</p>
                </form>`;
              })}
            </section>`
        : this.error ? '' : html`<p role="status">${t('common.loading')}</p>`}
    `;
  }
}
customElements.define('discovery-page', DiscoveryPage);
