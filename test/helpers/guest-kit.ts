// Test tools for the guest flow: a real SMTP server (smtp-server) that
// catches the node's mail, quoted-printable decoding to read links out of
// it, HTTPS requests that trust the test CA, and the guests IQ.

import { request } from 'node:https';
import { SMTPServer } from 'smtp-server';
import type { TestClient } from './xmpp-client.js';
import { xml } from './xmpp-client.js';

export const NS_GUESTS = 'urn:causerie:guests:0';

export interface CaughtMail {
  to: string[];
  raw: string;
  /** The message decoded from quoted-printable (enough to read links and text). */
  text: string;
}

export interface MailCatcher {
  port: number;
  smtpUrl: string;
  mails: CaughtMail[];
  /** Recipients at this domain are refused with a 550 while set. */
  refuseDomain: string | null;
  /** The first mail to `to` whose text matches and that no earlier call returned (waits for it). */
  next(to: string, match?: RegExp, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

export function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export async function startMailCatcher(): Promise<MailCatcher> {
  const waiters = new Set<() => void>();
  const taken = new Set<CaughtMail>();
  const catcher: MailCatcher = {
    port: 0,
    smtpUrl: '',
    mails: [],
    refuseDomain: null,
    async next(to, match = /./, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = catcher.mails.find((m) => !taken.has(m) && m.to.includes(to) && match.test(m.text));
        if (found) {
          taken.add(found);
          return found;
        }
        if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${match}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 200);
          waiters.add(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (catcher.refuseDomain && address.address.endsWith(`@${catcher.refuseDomain}`)) {
        const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        catcher.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text: Buffer.from(decodeQuotedPrintable(raw), 'latin1').toString('utf8') });
        for (const wake of [...waiters]) wake();
        waiters.clear();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  catcher.port = (server.server.address() as { port: number }).port;
  catcher.smtpUrl = `smtp://127.0.0.1:${catcher.port}`;
  return catcher;
}

/** The first URL in a mail's text that starts with `prefix`. */
export function linkIn(mail: CaughtMail, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s"<>]*`).exec(mail.text);
  if (!match) throw new Error(`no link ${prefix} in mail:\n${mail.text}`);
  return match[0];
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTPS request that trusts the test CA. */
export function https(url: string, caPem: string, options: { method?: string; form?: Record<string, string>; cookie?: string } = {}): Promise<HttpAnswer> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: options.method ?? (body ? 'POST' : 'GET'),
      ca: caPem,
      servername: 'localhost',
      headers: {
        ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } : {}),
        ...(options.cookie ? { Cookie: options.cookie } : {}),
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The CSRF cookie a page set and the hidden field value, to post its form like a browser would. */
export function formState(answer: HttpAnswer): { cookie: string; csrf: string } {
  const setCookie = ([] as string[]).concat(answer.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((c) => c.split(';')[0]).find((c) => c?.startsWith('causerie_register_csrf=')) ?? '';
  const csrf = /name="csrf" value="([^"]+)"/.exec(answer.body)?.[1] ?? '';
  return { cookie, csrf };
}

let serial = 0;
/** Sends a guests-namespace iq to a room and returns the answer (result or error). */
export async function guestsIq(client: TestClient, room: string, type: 'get' | 'set', name: string, attrs: Record<string, string> = {}): Promise<TestClient['received'][number]> {
  serial += 1;
  const id = `guests-${serial}`;
  const start = client.received.length;
  const wait = client.waitFor((s) => client.received.indexOf(s) >= start && s.name === 'iq' && s.attrs.id === id, 20_000, `iq ${id}`);
  await client.send(xml('iq', { type, to: room, id }, xml(name, { xmlns: NS_GUESTS, ...attrs })));
  return wait;
}

export function stanzaError(stanza: TestClient['received'][number]): { condition: string | undefined; text: string | undefined; app: string | undefined } {
  const error = stanza.getChild('error');
  const children = error?.getChildElements() ?? [];
  return {
    condition: children.find((c) => c.attrs.xmlns === 'urn:ietf:params:xml:ns:xmpp-stanzas' && c.name !== 'text')?.name,
    text: error?.getChildText('text') ?? undefined,
    app: children.find((c) => c.attrs.xmlns !== 'urn:ietf:params:xml:ns:xmpp-stanzas')?.name,
  };
}
