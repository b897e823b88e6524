// Templates (both languages, escaping, plain-text alternative) and the
// transport: a real SMTP server (smtp-server) and the outbox folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { createLogger } from '../core/logger.js';
import { createMailTransport } from './transport.js';
import { createGuestMailer } from './guest-mailer.js';
import { invitationMail, welcomeMail } from './templates.js';

const log = createLogger('error', 'mail-test');
const expiresAt = new Date('2026-12-01T10:00:00Z');

describe('guest mail', () => {
  let dir: string;
  let smtp: SMTPServer;
  let port = 0;
  const received: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'causerie-mail-'));
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        if (address.address.endsWith('@refused.test')) return callback(new Error('550 mailbox unavailable'));
        callback();
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders the invitation in French and English with the button, escaped', () => {
    const fr = invitationMail({ to: 'a@b.test', language: 'fr', inviterName: 'Alice <Admin>', roomName: 'Projet & Co', registrationUrl: 'https://chat.test/register?token=abc', expiresAt });
    expect(fr.subject).toBe('Alice <Admin> vous invite dans le salon « Projet & Co »');
    expect(fr.html).toContain('Créer mon compte');
    expect(fr.html).toContain('Alice &lt;Admin&gt;');
    expect(fr.html).not.toContain('<Admin>');
    expect(fr.text).toContain('https://chat.test/register?token=abc');
    const en = invitationMail({ to: 'a@b.test', language: 'en', inviterName: 'Alice', roomName: 'Projet', registrationUrl: 'https://chat.test/register?token=abc', expiresAt });
    expect(en.html).toContain('Create my account');
    expect(en.text).toContain('"Projet"');
  });

  it('explains how to log in: web client, JID, server and ports', () => {
    const mail = welcomeMail({ to: 'jean@exemple.fr', language: 'fr', firstName: 'Jean', roomName: 'Projet', webClientUrl: 'https://chat.test/', jid: 'jean\\40exemple.fr@guests.chat.test', xmppHost: 'chat.test', starttlsPort: 5222, directTlsPort: 5223 });
    expect(mail.text).toContain('https://chat.test/');
    expect(mail.text).toContain('jean\\40exemple.fr@guests.chat.test');
    expect(mail.text).toContain('5222');
    expect(mail.text).toContain('5223');
  });

  it('delivers through SMTP, and rejects with the server\'s reason', async () => {
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Causerie <no-reply@chat.test>', dataDir: dir, log });
    const mailer = createGuestMailer(transport);
    await mailer.sendInvitation({ to: 'jean@exemple.fr', language: 'fr', inviterName: 'Alice', roomName: 'Projet', registrationUrl: 'https://chat.test/register?token=xyz', expiresAt });
    expect(received).toHaveLength(1);
    expect(received[0]).toContain('To: jean@exemple.fr');
    expect(received[0]).toContain('multipart/alternative');
    await expect(mailer.sendInvitation({ to: 'x@refused.test', language: 'en', inviterName: 'Alice', roomName: 'Projet', registrationUrl: 'https://chat.test/r', expiresAt })).rejects.toThrow(/mailbox unavailable/);
    transport.close();
  });

  it('writes .eml files into <dataDir>/outbox when no SMTP URL is set', async () => {
    const transport = createMailTransport({ smtpUrl: null, from: 'Causerie <no-reply@chat.test>', dataDir: dir, log });
    await createGuestMailer(transport).sendInvitation({ to: 'marie@exemple.fr', language: 'en', inviterName: 'Bob', roomName: 'Team', registrationUrl: 'https://chat.test/register?token=t1', expiresAt });
    const files = readdirSync(join(dir, 'outbox'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const eml = readFileSync(join(dir, 'outbox', files[0]!), 'utf8');
    expect(eml).toContain('To: marie@exemple.fr');
    expect(eml).toContain("Subject: =?UTF-8?Q?Bob_invites_you_to_the_room_=22Team=22?=");
  });

  it('says at info level where each mail went: the outbox file, or the SMTP server', async () => {
    const lines: string[] = [];
    const infoLog = createLogger('info', 'mail-test', (line) => lines.push(line));
    const outboxDir = mkdtempSync(join(tmpdir(), 'causerie-outbox-'));
    try {
      const outbox = createMailTransport({ smtpUrl: null, from: 'Causerie <no-reply@chat.test>', dataDir: outboxDir, log: infoLog });
      await createGuestMailer(outbox).sendInvitation({ to: 'luc@exemple.fr', language: 'fr', inviterName: 'Bob', roomName: 'Team', registrationUrl: 'https://chat.test/register?token=t2', expiresAt });
      const [file] = readdirSync(join(outboxDir, 'outbox'));
      const written = lines.find((line) => line.includes(' INFO ') && line.includes('outbox'));
      expect(written).toBeDefined();
      expect(JSON.parse(written!.slice(written!.indexOf('{')))).toEqual({ to: 'luc@exemple.fr', path: join(outboxDir, 'outbox', file!) });
      const smtpTransport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Causerie <no-reply@chat.test>', dataDir: outboxDir, log: infoLog });
      await createGuestMailer(smtpTransport).sendInvitation({ to: 'ines@exemple.fr', language: 'fr', inviterName: 'Bob', roomName: 'Team', registrationUrl: 'https://chat.test/register?token=t3', expiresAt });
      smtpTransport.close();
      expect(lines.find((line) => line.includes(' INFO ') && line.includes('mail sent') && line.includes('"to":"ines@exemple.fr"'))).toMatch(/"messageId":"<[^"]+>"/);
    } finally {
      rmSync(outboxDir, { recursive: true, force: true });
    }
  });
});
