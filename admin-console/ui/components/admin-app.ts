// The application shell: loads the session, shows the login page or the
// navigation and the page of the current route. A skip link and landmarks
// (banner, navigation, main) let keyboard and screen-reader users move fast.

import { css, html } from 'lit';
import type { Session } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { locale, t } from '../i18n/index.js';
import { currentRoute, onRouteChange } from '../navigation.js';
import { href, sectionOf } from '../router.js';
import type { Route, RouteName } from '../router.js';
import { call, onSession, setSession } from '../state.js';
import { shared } from '../styles.js';
import './locale-switch.js';
import './login-page.js';
import './dashboard-page.js';
import './domains-page.js';
import './domain-page.js';
import './accounts-page.js';
import './account-page.js';
import './groups-page.js';
import './group-page.js';
import './rights-page.js';
import './guests-page.js';
import './guest-page.js';
import './discovery-page.js';
import './audit-page.js';

type Section = { name: RouteName; visible: (session: Session) => boolean };

const isAdmin = (s: Session) => s.roles?.serverAdmin === true || (s.roles?.domainAdminOf.length ?? 0) > 0;
const SECTIONS: Section[] = [
  { name: 'dashboard', visible: () => true },
  { name: 'domains', visible: isAdmin },
  { name: 'accounts', visible: isAdmin },
  { name: 'groups', visible: () => true },
  { name: 'guests', visible: isAdmin },
  { name: 'discovery', visible: (s) => s.roles?.serverAdmin === true },
  { name: 'audit', visible: () => true },
];

export class AdminApp extends I18nElement {
  static override properties = { session: { state: true }, route: { state: true }, loadError: { state: true } };
  static override styles = [
    shared,
    css`
      :host { min-height: 100vh; background: #f5f7fa; }
      .skip { position: absolute; left: -999px; top: 0.5rem; background: #fff; padding: 0.5rem 1rem; z-index: 10; }
      .skip:focus { left: 0.5rem; }
      header { display: flex; align-items: center; gap: 1rem; padding: 0.6rem 1.2rem; background: #17325f; color: #fff; flex-wrap: wrap; }
      header .brand { font-weight: 700; font-size: 1.1rem; margin-right: auto; color: #fff; text-decoration: none; }
      header .who { font-size: 0.95rem; }
      header button { border-color: #fff; color: #fff; background: transparent; min-height: 2.2rem; }
      header :focus-visible { outline-color: #ffd166; }
      header locale-switch button { border-color: #fff; }
      .layout { display: grid; grid-template-columns: 14rem 1fr; min-height: calc(100vh - 3.5rem); }
      nav ul { list-style: none; margin: 0; padding: 1rem 0.6rem; display: flex; flex-direction: column; gap: 0.2rem; }
      nav a { display: block; padding: 0.55rem 0.8rem; border-radius: 6px; text-decoration: none; color: #1b1f24; }
      nav a:hover { background: #e3e9f3; }
      nav a[aria-current='page'] { background: #1a4fb8; color: #fff; font-weight: 600; }
      nav { background: #fff; border-right: 1px solid #d0d5dd; }
      main { padding: 1.4rem 1.8rem; min-width: 0; }
      main:focus { outline: none; }
      @media (max-width: 1000px) {
        .layout { grid-template-columns: 1fr; }
        nav { border-right: none; border-bottom: 1px solid #d0d5dd; }
        nav ul { flex-direction: row; flex-wrap: wrap; padding: 0.5rem; }
        main { padding: 1rem; }
      }
    `,
  ];
  declare session: Session | undefined;
  declare route: Route;
  declare loadError: string;
  private unsubscribers: (() => void)[] = [];

  constructor() {
    super();
    this.session = undefined;
    this.route = currentRoute();
    this.loadError = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = locale();
    document.body.style.margin = '0';
    this.unsubscribers.push(
      onSession((session) => (this.session = session)),
      onRouteChange((route) => {
        this.route = route;
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main')?.focus());
      }),
    );
    call.session().then(
      (session) => setSession(session),
      (error: unknown) => {
        this.loadError = error instanceof Error ? error.message : String(error);
        setSession({ authenticated: false });
      },
    );
  }

  override disconnectedCallback(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    super.disconnectedCallback();
  }

  private async logout(): Promise<void> {
    try {
      await call.logout();
    } finally {
      setSession({ authenticated: false });
    }
  }

  private renderPage(route: Route) {
    const p = route.params;
    const q = route.query;
    switch (route.name) {
      case 'domains': return html`<domains-page></domains-page>`;
      case 'domain': return html`<domain-page .name=${p['domain'] ?? ''}></domain-page>`;
      case 'accounts': return html`<accounts-page .query=${q}></accounts-page>`;
      case 'account': return html`<account-page .accountId=${Number(p['account'])}></account-page>`;
      case 'groups': return html`<groups-page></groups-page>`;
      case 'group': return html`<group-page .groupId=${Number(p['group'])}></group-page>`;
      case 'rights': return html`<rights-page .groupId=${Number(p['group'])} .roomId=${q['room'] ? Number(q['room']) : undefined}></rights-page>`;
      case 'guests': return html`<guests-page .query=${q}></guests-page>`;
      case 'guest': return html`<guest-page .guestId=${Number(p['guest'])}></guest-page>`;
      case 'discovery': return html`<discovery-page></discovery-page>`;
      case 'audit': return html`<audit-page .query=${q}></audit-page>`;
      default: return html`<dashboard-page></dashboard-page>`;
    }
  }

  override render() {
    const session = this.session;
    if (!session) return html`<p role="status" class="muted" style="padding:2rem">${this.loadError || t('common.loading')}</p>`;
    if (!session.authenticated) return html`<login-page></login-page>`;
    const current = sectionOf(this.route.name);
    return html`
      <a class="skip" href="#main" @click=${(event: Event) => { event.preventDefault(); this.renderRoot.querySelector<HTMLElement>('main')?.focus(); }}>${t('app.skip')}</a>
      <header>
        <a class="brand" href=${href('dashboard')}>${t('app.title')}</a>
        <span class="who">${t('app.signedInAs', { jid: session.account?.jid ?? '' })}</span>
        <locale-switch></locale-switch>
        <button type="button" @click=${this.logout}>${t('app.logout')}</button>
      </header>
      <div class="layout">
        <nav aria-label=${t('app.navigation')}>
          <ul>
            ${SECTIONS.filter((section) => section.visible(session)).map(
              (section) => html`<li><a href=${href(section.name)} aria-current=${current === section.name ? 'page' : 'false'}>${t(`nav.${section.name}`)}</a></li>`,
            )}
          </ul>
        </nav>
        <main id="main" tabindex="-1">${this.renderPage(this.route)}</main>
      </div>
    `;
  }
}
customElements.define('admin-app', AdminApp);
