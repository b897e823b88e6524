// What the dashboard checks live rather than reads from the configuration:
// each listener answers a TCP connection, the SMTP server answers EHLO
// (nodemailer's verify), or the outbox folder can be written. Every check
// has a short time-out so a dead service never holds the dashboard up.

import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import nodemailer from 'nodemailer';

export const CHECK_TIMEOUT_MS = 2000;

/** Where to connect to reach a listener bound to `host` (a wildcard means this machine). */
export function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '::1';
  return host;
}

/** Opens and closes a TCP connection; the error text when it cannot. */
export function probeTcp(host: string, port: number, timeoutMs = CHECK_TIMEOUT_MS): Promise<{ up: boolean; error?: string }> {
  return new Promise((resolve) => {
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      resolve({ up: false, error: `not listening (port ${port})` });
      return;
    }
    const socket = connect({ host: reachableHost(host), port });
    const done = (result: { up: boolean; error?: string }): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done({ up: false, error: `no answer within ${timeoutMs} ms` }));
    socket.once('connect', () => done({ up: true }));
    socket.once('error', (error: NodeJS.ErrnoException) => done({ up: false, error: error.code ?? error.message }));
  });
}

export interface MailCheck {
  ok: boolean;
  /** smtp: the server answered EHLO; outbox: the folder can be written. */
  checked: 'smtp' | 'outbox';
  error?: string;
}

/** SMTP answers a connection and EHLO (no mail sent), or the outbox folder is writable. */
export async function checkMail(smtpUrl: string | null, outbox: string, timeoutMs = CHECK_TIMEOUT_MS): Promise<MailCheck> {
  if (smtpUrl) {
    const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
    try {
      await transport.verify();
      return { ok: true, checked: 'smtp' };
    } catch (error) {
      return { ok: false, checked: 'smtp', error: error instanceof Error ? error.message : String(error) };
    } finally {
      transport.close();
    }
  }
  try {
    await mkdir(outbox, { recursive: true });
    await access(outbox, constants.W_OK);
    return { ok: true, checked: 'outbox' };
  } catch (error) {
    return { ok: false, checked: 'outbox', error: error instanceof Error ? error.message : String(error) };
  }
}
