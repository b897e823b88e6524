// The GuestMailer port (server/domain/guest-mail.ts) over the templates and
// the transport: what the guest flow sends, rendered and delivered.

import type { GuestMailer } from '../domain/guest-mail.js';
import { invitationMail, verificationMail, welcomeMail } from './templates.js';
import type { RenderedMail } from './templates.js';
import type { MailTransport } from './transport.js';

export function createGuestMailer(transport: MailTransport): GuestMailer {
  const send = (to: string, language: string, rendered: RenderedMail): Promise<void> => transport.send({ to, language, ...rendered });
  return {
    sendInvitation: (mail) => send(mail.to, mail.language, invitationMail(mail)),
    sendVerification: (mail) => send(mail.to, mail.language, verificationMail(mail)),
    sendWelcome: (mail) => send(mail.to, mail.language, welcomeMail(mail)),
  };
}
