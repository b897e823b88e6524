// The WebAdmin UI in real Chromium against the real admin console started
// beside a real node (SQLite): sign in, a refused policy switch with its
// reason, stopping and starting TeamChat, a group with members and rights,
// deleting a guest, a guest's password reset, the account quota, and the
// password asked again for sensitive changes. Effects are checked on the
// node's own services.
// UPDATE_SCREENSHOTS=1 also writes docs/screenshots/admin-*.png.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminConsole } from '../../admin-console/server.js';
import type { AdminConsole } from '../../admin-console/server.js';
import { eventually } from '../helpers/eventually.js';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import { TEST_DOMAIN, startTestNode } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { launchBrowser } from './webclient-kit.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const UI_SOURCES = join(ROOT, 'admin-console', 'ui');
const UI_BUILT = join(ROOT, 'dist', 'admin-console', 'ui', 'index.html');
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : undefined;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/admin-console/ui unless it is newer than every UI source file. */
function ensureUiBuilt(): void {
  if (existsSync(UI_BUILT) && statSync(UI_BUILT).mtimeMs >= newestMtime(UI_SOURCES)) return;
  execFileSync(process.execPath, ['scripts/build-web.mjs', 'admin-console'], { cwd: ROOT, stdio: 'pipe' });
}

let node: TestNode;
let ownConsole: AdminConsole;
let baseUrl = '';
let browser: Browser;
let context: BrowserContext;
let page: Page;
let admin: { jid: string; password: string };

async function shot(name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `admin-${name}.png`), fullPage: true });
}

async function open(hash: string): Promise<void> {
  await page.goto(`${baseUrl}/${hash}`);
}

beforeAll(async () => {
  ensureUiBuilt();
  node = await startTestNode();
  if (!node.firstAdmin) throw new Error('the test node made no first administrator');
  admin = node.firstAdmin;
  // The node starts a WebAdmin beside itself, but from source it may find
  // admin-console/ui/index.html (the unbuilt page) first: this console is
  // given the built UI explicitly, over the same database.
  ownConsole = await createAdminConsole(node.config, { tls: node.tls, nodePorts: node.ports, scramIterations: 4096, port: 0, uiDir: dirname(UI_BUILT) });
  baseUrl = `https://localhost:${ownConsole.port}`;
  await node.createUser('alice');
  await node.createUser('bob');
  const guestDomain = await node.services.domains.ensure(node.config.guestDomain, 'guest');
  for (const name of ['carol', 'dave']) {
    await node.services.accounts.create({ jid: `${name}@${guestDomain.name}`, password: `pw-${name}-secret`, email: `${name}@example.net`, kind: 'guest' });
  }
  browser = await launchBrowser();
  // The test CA is not in Chromium's store.
  context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fr-FR', viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  // Script errors in the page would otherwise only show as time-outs.
  page.on('pageerror', (error) => console.error('page error:', error.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await ownConsole?.close();
  await node?.close();
});

describe('WebAdmin UI', () => {
  it('refuses a wrong password with the reason, then signs in and switches to English and back', async () => {
    await page.goto(baseUrl);
    await page.getByLabel('Adresse du compte').fill(admin.jid);
    await page.getByLabel('Mot de passe').fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: /./ }).first().textContent()).toMatch(/\S/);
    await shot('login');
    await page.getByLabel('Mot de passe').fill(admin.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  });

  it('shows the dependency refusal next to the switch and changes nothing', async () => {
    await open(`#/domains/${TEST_DOMAIN}`);
    const teamchat = page.getByRole('switch', { name: 'TeamChat' });
    const webdav = page.getByRole('switch', { name: 'WebDAV' });
    // Turn TeamChat off, then WebDAV off: both accepted.
    if ((await teamchat.getAttribute('aria-checked')) === 'true') await teamchat.click();
    await expect.poll(() => teamchat.getAttribute('aria-checked')).toBe('false');
    if ((await webdav.getAttribute('aria-checked')) === 'true') await webdav.click();
    await expect.poll(() => webdav.getAttribute('aria-checked')).toBe('false');
    // TeamChat without WebDAV is refused, with the reason beside the TeamChat switch.
    await teamchat.click();
    const reason = page.locator('feature-switch[data-feature=teamchat]').getByRole('alert');
    await expect.poll(() => reason.textContent()).toMatch(/GroupWare.*WebDAV/);
    expect(await teamchat.getAttribute('aria-checked')).toBe('false');
    expect((await node.services.repos.domains.getByName(TEST_DOMAIN))?.teamchat).toBe(false);
    await shot('domain');
    // Put everything back on, in the order the rule allows.
    await webdav.click();
    await expect.poll(() => webdav.getAttribute('aria-checked')).toBe('true');
    await teamchat.click();
    await expect.poll(() => teamchat.getAttribute('aria-checked')).toBe('true');
    expect(await reason.isHidden()).toBe(true);
    expect((await node.services.repos.domains.getByName(TEST_DOMAIN))?.teamchat).toBe(true);
  });

  it('stops TeamChat after asking for the password again, and starts it again; the node follows', async () => {
    await open('#/');
    const service = page.getByRole('switch', { name: 'Service TeamChat' });
    await expect.poll(() => service.getAttribute('aria-checked')).toBe('true');
    await shot('dashboard');
    await service.click();
    const dialog = page.getByRole('dialog', { name: 'Arrêter TeamChat ?' });
    await dialog.getByLabel('Votre mot de passe').fill('wrong-password');
    await dialog.getByRole('button', { name: 'Arrêter TeamChat' }).click();
    // A wrong password is refused: the service keeps running and the reason is shown.
    await expect.poll(() => page.locator('dashboard-page feature-switch').getByRole('alert').textContent()).toMatch(/\S/);
    expect(await node.services.policies.isServiceRunning()).toBe(true);
    await service.click();
    await dialog.getByLabel('Votre mot de passe').fill(admin.password);
    await dialog.getByRole('button', { name: 'Arrêter TeamChat' }).click();
    await expect.poll(() => service.getAttribute('aria-checked')).toBe('false');
    await eventually(async () => expect(await node.services.policies.isServiceRunning()).toBe(false), 3_000);
    await service.click();
    await expect.poll(() => service.getAttribute('aria-checked')).toBe('true');
    await eventually(async () => expect(await node.services.policies.isServiceRunning()).toBe(true), 3_000);
  });

  it('builds a group: name and alias, TeamChat, members (accounts, a whole domain), rights with a preset and a custom set', async () => {
    await open('#/groups');
    await page.getByLabel('Nom du groupe').fill('Projet Alpha');
    await page.getByLabel('Alias').fill('alpha');
    await page.getByRole('button', { name: 'Créer le groupe' }).click();
    await page.getByRole('heading', { name: /Projet Alpha/ }).waitFor();
    const groupId = Number(/#\/groups\/(\d+)/.exec(page.url())?.[1]);
    expect(groupId).toBeGreaterThan(0);

    await page.getByRole('switch', { name: 'Activer TeamChat' }).click();
    await page.getByRole('list', { name: 'Salles du groupe' }).getByText('TeamChat', { exact: false }).first().waitFor();

    const members = page.locator('principal-picker').first();
    for (const name of ['alice', 'bob']) {
      await members.getByLabel('Adresse du compte').fill(`${name}@${TEST_DOMAIN}`);
      await members.getByRole('button', { name: 'Ajouter au groupe' }).click();
      await page.getByRole('list', { name: 'Membres' }).getByText(`${name}@${TEST_DOMAIN}`).waitFor();
    }
    // An unknown account is refused with the API's sentence next to the picker.
    await members.getByLabel('Adresse du compte').fill(`nobody@${TEST_DOMAIN}`);
    await members.getByRole('button', { name: 'Ajouter au groupe' }).click();
    await expect.poll(() => members.getByRole('alert').textContent()).toContain(`nobody@${TEST_DOMAIN}`);
    // A whole domain, chosen from the list.
    await members.getByLabel('Type').selectOption('domain');
    await members.getByLabel('Domaine', { exact: true }).selectOption({ label: TEST_DOMAIN });
    await members.getByRole('button', { name: 'Ajouter au groupe' }).click();
    await page.getByRole('list', { name: 'Membres' }).getByText(`tout ${TEST_DOMAIN}`).waitFor();
    // Remove bob again.
    await page.getByRole('button', { name: `Retirer bob@${TEST_DOMAIN} du groupe` }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Membres' }).textContent()).not.toContain('bob@');
    const alice = await node.services.accounts.getByJid('alice', TEST_DOMAIN);
    const domain = await node.services.repos.domains.getByName(TEST_DOMAIN);
    const memberKeys = (await node.services.groups.members(groupId)).map((m) => (m.type === 'account' ? `account:${m.accountId}` : m.type === 'domain' ? `domain:${m.domainId}` : `group:${m.groupId}`));
    expect(memberKeys.sort()).toEqual([`account:${alice?.id}`, `domain:${domain?.id}`].sort());
    await shot('group');

    // Rights on all the group's rooms: alice gets "Tous", then a custom set.
    await page.getByRole('link', { name: 'Droits sur toutes les salles du groupe' }).click();
    await page.getByRole('heading', { name: 'Droits sur les salles de Projet Alpha' }).waitFor();
    const add = page.locator('section[aria-labelledby=add-h]');
    await add.getByRole('radio', { name: 'Tous' }).check();
    await add.getByLabel('Adresse du compte').fill(`alice@${TEST_DOMAIN}`);
    await add.getByRole('button', { name: 'Attribuer ces droits' }).click();
    const row = page.getByRole('row', { name: new RegExp(`alice@${TEST_DOMAIN}`) });
    await expect.poll(() => row.textContent()).toContain('Tous');
    await page.getByRole('button', { name: `Modifier les droits de alice@${TEST_DOMAIN}` }).click();
    const editor = page.locator('tr.editor rights-chooser');
    await editor.getByRole('radio', { name: 'Écrire' }).check();
    await editor.getByRole('checkbox', { name: 'Inviter' }).check();
    await page.locator('tr.editor').getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => row.textContent()).toContain('Inviter');
    const grants = await node.services.repos.rights.find({ kind: 'group', groupId });
    expect(grants).toHaveLength(1);
    expect(grants[0]?.rights).toEqual({ read: true, write: true, modify: true, delete: false, rename: false, invite: true, admin: false });
    await shot('rights');
  });

  it('deletes a selected guest; the other stays', async () => {
    await open('#/guests');
    await page.getByRole('cell', { name: 'carol@example.net', exact: true }).waitFor();
    await shot('guests');
    await page.getByRole('checkbox', { name: 'Sélectionner carol@example.net' }).check();
    await page.getByLabel(/Action sur la sélection/).selectOption('delete');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    // Deleting guests asks for the administrator's own password again.
    const dialog = page.getByRole('dialog', { name: 'Supprimer des invités ?' });
    await dialog.getByLabel('Votre mot de passe').fill(admin.password);
    await dialog.getByRole('button', { name: 'Supprimer' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'supprimé' }).count()).toBe(1);
    expect(await page.getByRole('cell', { name: 'carol@example.net', exact: true }).count()).toBe(0);
    await page.getByRole('cell', { name: 'dave@example.net', exact: true }).waitFor();
    expect(await node.services.accounts.getByJid('carol', node.config.guestDomain)).toBeUndefined();
    expect(await node.services.accounts.getByJid('dave', node.config.guestDomain)).toBeDefined();
    await page.getByRole('link', { name: 'dave@example.net' }).click();
    await page.getByRole('heading', { name: 'dave@example.net' }).waitFor();
    await shot('guest');
  });

  it('resets a guest password: asks for the administrator password, then shows the generated one once', async () => {
    const dave = await node.services.accounts.getByJid('dave', node.config.guestDomain);
    await open(`#/guests/${dave?.id}`);
    await page.getByRole('heading', { name: 'dave@example.net' }).waitFor();
    expect(await page.getByText('laisser vide pour en générer un, affiché une seule fois').count()).toBe(1);
    await page.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
    const dialog = page.getByRole('dialog', { name: 'Réinitialiser le mot de passe ?' });
    await dialog.getByLabel('Votre mot de passe').fill(admin.password);
    await dialog.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Nouveau mot de passe' });
    await expect.poll(() => notice.count()).toBe(1);
    const password = /: (\S+) —/.exec((await notice.textContent()) ?? '')?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(await node.services.accounts.verifyPassword('dave', node.config.guestDomain, password)).toBeDefined();
    expect(await node.services.accounts.verifyPassword('dave', node.config.guestDomain, 'pw-dave-secret')).toBeUndefined();
    // Shown once: reloading the page does not show it again.
    await page.reload();
    await page.getByRole('heading', { name: 'dave@example.net' }).waitFor();
    expect(await page.getByText(password).count()).toBe(0);
  });

  it('shows the other main pages', async () => {
    await open('#/accounts');
    await page.getByRole('link', { name: `alice@${TEST_DOMAIN}` }).waitFor();
    await shot('accounts');
    await page.getByRole('link', { name: `alice@${TEST_DOMAIN}` }).click();
    await page.getByRole('group', { name: 'TeamChat' }).waitFor();
    await shot('account');
    // The upload quota, typed in MiB; empty returns to the server's default.
    const quota = page.locator('form').filter({ has: page.getByLabel(/Quota \(Mio\)/) });
    await quota.getByLabel(/Quota \(Mio\)/).fill('200');
    await quota.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(async () => (await node.services.accounts.getByJid('alice', TEST_DOMAIN))?.quotaBytes).toBe(200 * 1024 * 1024);
    await expect.poll(() => page.locator('#quota-now').textContent()).toContain('200 Mio');
    await quota.getByLabel(/Quota \(Mio\)/).fill('beaucoup');
    await quota.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('#quota-error').textContent()).toContain('nombre de Mio');
    await quota.getByLabel(/Quota \(Mio\)/).fill('');
    await quota.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(async () => (await node.services.accounts.getByJid('alice', TEST_DOMAIN))?.quotaBytes).toBeNull();
    await open('#/discovery');
    await page.getByRole('heading', { name: 'Découverte des services' }).waitFor();
    await page.getByLabel('Client web').fill('http://chat.example.org/web');
    await page.locator('form[data-url=webclient]').getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('#url-result-webclient').textContent()).toContain('https');
    await shot('discovery');
    await open('#/audit');
    await page.getByRole('cell', { name: 'TeamChat arrêté' }).waitFor();
    await shot('audit');
  });

  it('asks for the password before granting server administration, adding a domain administrator and deleting a group', async () => {
    const bob = await node.services.accounts.getByJid('bob', TEST_DOMAIN);
    await open(`#/accounts/${bob?.id}`);
    const adminSwitch = page.getByRole('switch', { name: 'Administrateur du serveur' });
    await adminSwitch.click();
    const grant = page.getByRole('dialog', { name: 'Nommer administrateur du serveur ?' });
    await grant.getByRole('button', { name: 'Annuler' }).click();
    expect((await node.services.accounts.getByJid('bob', TEST_DOMAIN))?.serverAdmin).toBe(false);
    expect(await adminSwitch.getAttribute('aria-checked')).toBe('false');
    await adminSwitch.click();
    await grant.getByLabel('Votre mot de passe').fill(admin.password);
    await grant.getByRole('button', { name: 'Nommer' }).click();
    await expect.poll(() => adminSwitch.getAttribute('aria-checked')).toBe('true');
    expect((await node.services.accounts.getByJid('bob', TEST_DOMAIN))?.serverAdmin).toBe(true);

    await open(`#/domains/${TEST_DOMAIN}`);
    await page.getByLabel('Nouvel administrateur').fill(`bob@${TEST_DOMAIN}`);
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    const add = page.getByRole('dialog', { name: 'Ajouter un administrateur ?' });
    await add.getByLabel('Votre mot de passe').fill('not-my-password');
    await add.getByRole('button', { name: 'Ajouter' }).click();
    await expect.poll(() => page.locator('#admin-error').textContent()).toContain('currentPassword');
    const domainId = (await node.services.repos.domains.getByName(TEST_DOMAIN))?.id as number;
    expect(await node.services.repos.domainAdmins.adminsOf(domainId)).toEqual([]);
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await add.getByLabel('Votre mot de passe').fill(admin.password);
    await add.getByRole('button', { name: 'Ajouter' }).click();
    await expect.poll(() => node.services.repos.domainAdmins.adminsOf(domainId)).toEqual([bob?.id]);

    const doomed = await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Éphémère', alias: 'ephemere' });
    await open(`#/groups/${doomed.id}`);
    await page.getByRole('button', { name: 'Supprimer ce groupe' }).click();
    const remove = page.getByRole('dialog', { name: 'Supprimer le groupe ?' });
    await remove.getByLabel('Votre mot de passe').fill(admin.password);
    await remove.getByRole('button', { name: 'Supprimer' }).click();
    await expect.poll(() => node.services.groups.get(doomed.id)).toBeUndefined();
  });

  it('works from the keyboard and fits a tablet screen', async () => {
    await open('#/groups');
    // A fresh load, so the focus starts at the top of the document.
    await page.reload();
    await page.getByRole('link', { name: 'Projet Alpha' }).waitFor();
    // The first Tab reaches the skip link, which moves the focus to the page content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.shadowRoot.activeElement.textContent')).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.shadowRoot.activeElement.id')).toBe('main');
    // Tab onwards reaches the first group link; Enter opens it.
    for (let i = 0; i < 10 && (await page.evaluate('document.activeElement.shadowRoot.activeElement.shadowRoot?.activeElement?.textContent ?? ""')) !== 'Projet Alpha'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Projet Alpha/ }).waitFor();
    await page.setViewportSize({ width: 820, height: 1180 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(820);
    await shot('tablet');
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});
