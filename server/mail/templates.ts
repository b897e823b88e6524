// The guest flow's three messages in French and English: the invitation,
// the address verification and the "how to log in" welcome. Each has an
// HTML part with a button and a plain-text alternative carrying the same
// links. Every interpolated value is HTML-escaped.

import type { InvitationMail, MailLanguage, VerificationMail, WelcomeMail } from '../domain/guest-mail.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function date(value: Date, language: MailLanguage): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(value) + ' UTC';
}

/** One HTML page: paragraphs (already escaped) and an optional button. */
function page(language: MailLanguage, title: string, paragraphs: string[], button?: { label: string; url: string }, after: string[] = []): string {
  const buttonHtml = button
    ? `<p style="margin:24px 0"><a href="${escapeHtml(button.url)}" style="background:#2451a6;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold;display:inline-block">${escapeHtml(button.label)}</a></p>`
    : '';
  const body = [...paragraphs.map((p) => `<p>${p}</p>`), buttonHtml, ...after.map((p) => `<p>${p}</p>`)].join('\n');
  return `<!DOCTYPE html>\n<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;max-width:560px">\n${body}\n</body></html>\n`;
}

export function invitationMail(mail: InvitationMail): RenderedMail {
  const who = escapeHtml(mail.inviterName);
  const room = escapeHtml(mail.roomName);
  const until = date(mail.expiresAt, mail.language);
  if (mail.language === 'fr') {
    const subject = `${mail.inviterName} vous invite dans le salon « ${mail.roomName} »`;
    return {
      subject,
      html: page('fr', subject, [
        'Bonjour,',
        `<strong>${who}</strong> vous invite à rejoindre le salon <strong>« ${room} »</strong> en tant qu’invité.`,
        'Pour accepter, créez votre compte : choisissez votre nom et un mot de passe, puis confirmez votre adresse électronique.',
      ], { label: 'Créer mon compte', url: mail.registrationUrl }, [
        `Ce lien ne sert qu’une fois et expire le ${escapeHtml(until)}. Si vous n’attendiez pas cette invitation, ignorez ce message.`,
        `Si le bouton ne marche pas, copiez cette adresse dans votre navigateur : ${escapeHtml(mail.registrationUrl)}`,
      ]),
      text: [
        'Bonjour,',
        '',
        `${mail.inviterName} vous invite à rejoindre le salon « ${mail.roomName} » en tant qu’invité.`,
        '',
        'Créer mon compte :',
        mail.registrationUrl,
        '',
        `Ce lien ne sert qu’une fois et expire le ${until}. Si vous n’attendiez pas cette invitation, ignorez ce message.`,
        '',
      ].join('\n'),
    };
  }
  const subject = `${mail.inviterName} invites you to the room "${mail.roomName}"`;
  return {
    subject,
    html: page('en', subject, [
      'Hello,',
      `<strong>${who}</strong> invites you to join the room <strong>"${room}"</strong> as a guest.`,
      'To accept, create your account: choose your name and a password, then confirm your email address.',
    ], { label: 'Create my account', url: mail.registrationUrl }, [
      `This link works once and expires on ${escapeHtml(until)}. If you did not expect this invitation, ignore this message.`,
      `If the button does not work, copy this address into your browser: ${escapeHtml(mail.registrationUrl)}`,
    ]),
    text: [
      'Hello,',
      '',
      `${mail.inviterName} invites you to join the room "${mail.roomName}" as a guest.`,
      '',
      'Create my account:',
      mail.registrationUrl,
      '',
      `This link works once and expires on ${until}. If you did not expect this invitation, ignore this message.`,
      '',
    ].join('\n'),
  };
}

export function verificationMail(mail: VerificationMail): RenderedMail {
  const until = date(mail.expiresAt, mail.language);
  if (mail.language === 'fr') {
    const subject = 'Confirmez votre adresse électronique';
    return {
      subject,
      html: page('fr', subject, [
        `Bonjour ${escapeHtml(mail.firstName)},`,
        `Pour terminer la création de votre compte invité (salon « ${escapeHtml(mail.roomName)} »), confirmez votre adresse électronique.`,
      ], { label: 'Confirmer mon adresse', url: mail.verificationUrl }, [
        `Ce lien expire le ${escapeHtml(until)}. Votre compte n’est créé qu’une fois l’adresse confirmée.`,
        `Si le bouton ne marche pas, copiez cette adresse dans votre navigateur : ${escapeHtml(mail.verificationUrl)}`,
      ]),
      text: [
        `Bonjour ${mail.firstName},`,
        '',
        `Pour terminer la création de votre compte invité (salon « ${mail.roomName} »), confirmez votre adresse électronique :`,
        mail.verificationUrl,
        '',
        `Ce lien expire le ${until}. Votre compte n’est créé qu’une fois l’adresse confirmée.`,
        '',
      ].join('\n'),
    };
  }
  const subject = 'Confirm your email address';
  return {
    subject,
    html: page('en', subject, [
      `Hello ${escapeHtml(mail.firstName)},`,
      `To finish creating your guest account (room "${escapeHtml(mail.roomName)}"), confirm your email address.`,
    ], { label: 'Confirm my address', url: mail.verificationUrl }, [
      `This link expires on ${escapeHtml(until)}. Your account is created only once the address is confirmed.`,
      `If the button does not work, copy this address into your browser: ${escapeHtml(mail.verificationUrl)}`,
    ]),
    text: [
      `Hello ${mail.firstName},`,
      '',
      `To finish creating your guest account (room "${mail.roomName}"), confirm your email address:`,
      mail.verificationUrl,
      '',
      `This link expires on ${until}. Your account is created only once the address is confirmed.`,
      '',
    ].join('\n'),
  };
}

export function welcomeMail(mail: WelcomeMail): RenderedMail {
  const e = escapeHtml;
  if (mail.language === 'fr') {
    const subject = 'Votre compte invité est prêt';
    return {
      subject,
      html: page('fr', subject, [
        `Bonjour ${e(mail.firstName)},`,
        `Votre compte invité est créé et vous êtes membre du salon « ${e(mail.roomName)} ».`,
        `<strong>Dans le navigateur</strong> : ouvrez ${e(mail.webClientUrl)} et connectez-vous avec votre adresse électronique (${e(mail.to)}) et votre mot de passe.`,
      ], { label: 'Ouvrir la messagerie', url: mail.webClientUrl }, [
        '<strong>Dans une application XMPP mobile</strong> (Conversations, Monal, Siskin…) :',
        `Identifiant (JID) : <code>${e(mail.jid)}</code><br>Serveur : <code>${e(mail.xmppHost)}</code><br>Port : ${mail.starttlsPort} (STARTTLS) ou ${mail.directTlsPort} (TLS direct)<br>Mot de passe : celui que vous avez choisi.`,
      ]),
      text: [
        `Bonjour ${mail.firstName},`,
        '',
        `Votre compte invité est créé et vous êtes membre du salon « ${mail.roomName} ».`,
        '',
        `Dans le navigateur : ${mail.webClientUrl}`,
        `Connectez-vous avec votre adresse électronique (${mail.to}) et votre mot de passe.`,
        '',
        'Dans une application XMPP mobile (Conversations, Monal, Siskin…) :',
        `  Identifiant (JID) : ${mail.jid}`,
        `  Serveur : ${mail.xmppHost}`,
        `  Port : ${mail.starttlsPort} (STARTTLS) ou ${mail.directTlsPort} (TLS direct)`,
        '  Mot de passe : celui que vous avez choisi.',
        '',
      ].join('\n'),
    };
  }
  const subject = 'Your guest account is ready';
  return {
    subject,
    html: page('en', subject, [
      `Hello ${e(mail.firstName)},`,
      `Your guest account is created and you are a member of the room "${e(mail.roomName)}".`,
      `<strong>In a browser</strong>: open ${e(mail.webClientUrl)} and log in with your email address (${e(mail.to)}) and your password.`,
    ], { label: 'Open the chat', url: mail.webClientUrl }, [
      '<strong>In a mobile XMPP app</strong> (Conversations, Monal, Siskin…):',
      `Address (JID): <code>${e(mail.jid)}</code><br>Server: <code>${e(mail.xmppHost)}</code><br>Port: ${mail.starttlsPort} (STARTTLS) or ${mail.directTlsPort} (direct TLS)<br>Password: the one you chose.`,
    ]),
    text: [
      `Hello ${mail.firstName},`,
      '',
      `Your guest account is created and you are a member of the room "${mail.roomName}".`,
      '',
      `In a browser: ${mail.webClientUrl}`,
      `Log in with your email address (${mail.to}) and your password.`,
      '',
      'In a mobile XMPP app (Conversations, Monal, Siskin…):',
      `  Address (JID): ${mail.jid}`,
      `  Server: ${mail.xmppHost}`,
      `  Port: ${mail.starttlsPort} (STARTTLS) or ${mail.directTlsPort} (direct TLS)`,
      '  Password: the one you chose.',
      '',
    ].join('\n'),
  };
}
