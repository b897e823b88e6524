// Server-rendered HTML of the registration pages: no framework, one small
// inline script (nonce-bound) for the "show" toggles and the password rules
// explained as the guest types. Every interpolated value is escaped.

import { escapeHtml as e } from '../../mail/templates.js';
import { MIN_PASSWORD_LENGTH } from '../../domain/password-policy.js';
import { TEXT, type PageLanguage } from './page-text.js';

const STYLE = `
body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1b1b1b;margin:0}
main{max-width:30rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem}label{display:block;margin-top:1rem;font-weight:600}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;margin-top:.25rem}
.row{display:flex;gap:.5rem;align-items:center}.row input{flex:1}
button{margin-top:1.5rem;padding:.7rem 1.2rem;font-size:1rem;background:#2451a6;color:#fff;border:0;border-radius:6px;cursor:pointer}
button.toggle{margin:0;padding:.45rem .6rem;font-size:.85rem;background:#e3e7ef;color:#1b1b1b}
.error{background:#fde8e8;color:#8a1111;padding:.75rem;border-radius:6px}
.rules{list-style:none;padding:0;font-size:.9rem}.rules li::before{content:"✗ ";color:#8a1111}.rules li.ok::before{content:"✓ ";color:#17702a}
.lang{float:right;font-size:.9rem}code{background:#eef;padding:0 .2rem}
`;

const SCRIPT = `
for (const b of document.querySelectorAll('button.toggle')) b.addEventListener('click', () => {
  const input = document.getElementById(b.dataset.for); input.type = input.type === 'password' ? 'text' : 'password';
  b.setAttribute('aria-pressed', String(input.type === 'text'));
});
const pw = document.getElementById('password'), cf = document.getElementById('confirmation');
const rules = { length: () => [...pw.value].length >= ${MIN_PASSWORD_LENGTH}, match: () => pw.value !== '' && pw.value === cf.value };
function check() { for (const [name, ok] of Object.entries(rules)) document.getElementById('rule-' + name).classList.toggle('ok', ok()); }
if (pw && cf) { pw.addEventListener('input', check); cf.addEventListener('input', check); check(); }
`;

export interface Layout {
  language: PageLanguage;
  title: string;
  nonce: string;
  /** The same page in the other language. */
  switchUrl?: string;
}

export function layout(page: Layout, body: string): string {
  const t = TEXT[page.language];
  const other = page.switchUrl ? `<a class="lang" href="${e(page.switchUrl)}" hreflang="${page.language === 'fr' ? 'en' : 'fr'}">${e(t.other)}</a>` : '';
  return `<!DOCTYPE html>
<html lang="${page.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(page.title)}</title><style nonce="${page.nonce}">${STYLE}</style></head>
<body><main>${other}<h1>${e(page.title)}</h1>
${body}
</main><script nonce="${page.nonce}">${SCRIPT}</script></body></html>
`;
}

export interface FormPage extends Layout {
  action: string;
  token: string;
  csrf: string;
  email: string;
  inviterName: string;
  roomName: string;
  error?: string;
  values?: { firstName?: string; lastName?: string };
}

function passwordField(id: string, label: string, show: string): string {
  return `<label for="${id}">${e(label)}</label>
<div class="row"><input type="password" id="${id}" name="${id}" autocomplete="new-password" required maxlength="1024">
<button type="button" class="toggle" data-for="${id}" aria-pressed="false">${e(show)}</button></div>`;
}

export function registrationForm(page: FormPage): string {
  const t = TEXT[page.language];
  return layout(page, `<p>${e(t.intro(page.inviterName, page.roomName))}</p>
${page.error ? `<p class="error" role="alert">${e(page.error)}</p>` : ''}
<form method="post" action="${e(page.action)}">
<input type="hidden" name="token" value="${e(page.token)}">
<input type="hidden" name="csrf" value="${e(page.csrf)}">
<input type="hidden" name="lang" value="${page.language}">
<label>${e(t.email)}</label><p><code>${e(page.email)}</code></p>
<label for="firstName">${e(t.firstName)}</label>
<input type="text" id="firstName" name="firstName" autocomplete="given-name" required maxlength="100" value="${e(page.values?.firstName ?? '')}">
<label for="lastName">${e(t.lastName)}</label>
<input type="text" id="lastName" name="lastName" autocomplete="family-name" required maxlength="100" value="${e(page.values?.lastName ?? '')}">
${passwordField('password', t.password, t.show)}
${passwordField('confirmation', t.confirmation, t.show)}
<ul class="rules" aria-live="polite"><li id="rule-length">${e(t.policyLength(MIN_PASSWORD_LENGTH))}</li><li id="rule-match">${e(t.policyMatch)}</li></ul>
<button type="submit" id="submit">${e(t.submit)}</button>
</form>`);
}

export function messagePage(page: Layout, paragraphs: string[], kind: 'info' | 'error' = 'info'): string {
  return layout(page, paragraphs.map((p) => `<p${kind === 'error' ? ' class="error" role="alert"' : ''}>${e(p)}</p>`).join('\n'));
}

export function confirmPage(page: Layout & { action: string; token: string; csrf: string }): string {
  const t = TEXT[page.language];
  return layout(page, `<p>${e(t.confirmIntro)}</p>
<form method="post" action="${e(page.action)}">
<input type="hidden" name="token" value="${e(page.token)}"><input type="hidden" name="csrf" value="${e(page.csrf)}"><input type="hidden" name="lang" value="${page.language}">
<button type="submit" id="confirm">${e(t.confirm)}</button></form>`);
}

export function donePage(page: Layout & { roomName: string; email: string; webClientUrl: string; jid: string; xmppHost: string; starttlsPort: number; directTlsPort: number }): string {
  const t = TEXT[page.language];
  return layout(page, `<p id="done">${e(t.done(page.roomName))}</p>
<h2>${e(t.webClient)}</h2><p><a href="${e(page.webClientUrl)}">${e(page.webClientUrl)}</a> — ${e(t.webClientHow(page.email))}</p>
<h2>${e(t.mobile)}</h2><p>${e(t.jid)} : <code id="jid">${e(page.jid)}</code><br>${e(t.server)} : <code>${e(page.xmppHost)}</code><br>${e(t.port)} : ${page.starttlsPort} (STARTTLS), ${page.directTlsPort} (TLS)</p>`);
}
