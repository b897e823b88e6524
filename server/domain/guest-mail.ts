// The mail the guest flow sends, as a port: the domain layer says what to
// send and to whom; server/mail/ renders the French or English message and
// delivers it (SMTP, or the outbox folder on the embedded default).

export type MailLanguage = 'fr' | 'en';

export interface InvitationMail {
  to: string;
  language: MailLanguage;
  inviterName: string;
  roomName: string;
  /** The registration page with the invitation token. */
  registrationUrl: string;
  expiresAt: Date;
}

export interface VerificationMail {
  to: string;
  language: MailLanguage;
  firstName: string;
  roomName: string;
  /** The page that creates the account once followed. */
  verificationUrl: string;
  expiresAt: Date;
}

export interface WelcomeMail {
  to: string;
  language: MailLanguage;
  firstName: string;
  roomName: string;
  /** Where the web client is (discovery `webclient` URL, else the node's public URL). */
  webClientUrl: string;
  /** For mobile XMPP apps. */
  jid: string;
  xmppHost: string;
  starttlsPort: number;
  directTlsPort: number;
}

export interface GuestMailer {
  /** Rejects with the delivery error (SMTP refused, unreachable…). */
  sendInvitation(mail: InvitationMail): Promise<void>;
  sendVerification(mail: VerificationMail): Promise<void>;
  sendWelcome(mail: WelcomeMail): Promise<void>;
}

export function mailLanguage(value: string | null | undefined): MailLanguage {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}
