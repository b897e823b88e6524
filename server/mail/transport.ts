// Delivers rendered messages with nodemailer: through SMTP when
// `mail.smtpUrl` is set, otherwise (the embedded default) as one .eml file
// per message in <dataDir>/outbox/, with the path in the log, so a fresh
// install works without a mail server and the administrator can read what
// would have been sent.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Logger } from '../core/logger.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  language: string;
}

export interface MailTransport {
  /** Resolves once the SMTP server accepted the message (or the file is written); rejects with the reason. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailTransportOptions {
  smtpUrl: string | null;
  from: string;
  dataDir: string;
  log: Logger;
}

export function createMailTransport(options: MailTransportOptions): MailTransport {
  const { log } = options;
  const outbox = join(options.dataDir, 'outbox');
  const transporter: Transporter = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = (await transporter.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
      })) as { message?: Buffer; messageId: string };
      if (options.smtpUrl) {
        log.info('mail sent', { to: mail.to, messageId: info.messageId });
        return;
      }
      await mkdir(outbox, { recursive: true, mode: 0o750 });
      const path = join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(path, info.message ?? Buffer.alloc(0), { mode: 0o640 });
      log.info('mail written to the outbox (no mail.smtpUrl configured)', { to: mail.to, path });
    },
    close() {
      transporter.close();
    },
  };
}
