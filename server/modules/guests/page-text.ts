// Every text of the registration pages, French first, then English; and the
// messages shown for each error the guest flow can meet.

export type PageLanguage = 'fr' | 'en';

export const TEXT = {
  fr: {
    title: 'Créer mon compte invité',
    other: 'English',
    intro: (inviter: string, room: string) => `${inviter} vous invite dans le salon « ${room} ». Choisissez votre nom et un mot de passe.`,
    email: 'Adresse électronique',
    firstName: 'Prénom',
    lastName: 'Nom',
    password: 'Mot de passe',
    confirmation: 'Confirmation du mot de passe',
    show: 'Afficher',
    policyLength: (min: number) => `Au moins ${min} caractères`,
    policyMatch: 'Les deux mots de passe sont identiques',
    submit: 'Vérifier mon adresse électronique',
    checkMailTitle: 'Vérifiez votre messagerie',
    checkMail: (email: string) => `Un message vient d’être envoyé à ${email}. Suivez le lien qu’il contient pour confirmer votre adresse : votre compte sera créé à ce moment-là.`,
    confirmTitle: 'Confirmer mon adresse',
    confirmIntro: 'Cliquez sur le bouton pour confirmer votre adresse électronique et créer votre compte.',
    confirm: 'Créer mon compte',
    doneTitle: 'Votre compte est prêt',
    done: (room: string) => `Votre compte invité est créé et vous êtes membre du salon « ${room} ». Un message vous explique comment vous connecter.`,
    webClient: 'Dans le navigateur',
    webClientHow: (email: string) => `connectez-vous avec votre adresse (${email}) et votre mot de passe.`,
    mobile: 'Dans une application XMPP mobile',
    jid: 'Identifiant (JID)',
    server: 'Serveur',
    port: 'Port',
    errorTitle: 'Impossible de continuer',
  },
  en: {
    title: 'Create my guest account',
    other: 'Français',
    intro: (inviter: string, room: string) => `${inviter} invites you to the room "${room}". Choose your name and a password.`,
    email: 'Email address',
    firstName: 'First name',
    lastName: 'Last name',
    password: 'Password',
    confirmation: 'Confirm the password',
    show: 'Show',
    policyLength: (min: number) => `At least ${min} characters`,
    policyMatch: 'Both passwords are the same',
    submit: 'Verify my email address',
    checkMailTitle: 'Check your mailbox',
    checkMail: (email: string) => `A message was just sent to ${email}. Follow its link to confirm your address: your account is created then.`,
    confirmTitle: 'Confirm my address',
    confirmIntro: 'Click the button to confirm your email address and create your account.',
    confirm: 'Create my account',
    doneTitle: 'Your account is ready',
    done: (room: string) => `Your guest account is created and you are a member of the room "${room}". A message explains how to log in.`,
    webClient: 'In a browser',
    webClientHow: (email: string) => `log in with your address (${email}) and your password.`,
    mobile: 'In a mobile XMPP app',
    jid: 'Address (JID)',
    server: 'Server',
    port: 'Port',
    errorTitle: 'Cannot continue',
  },
} as const;

const ERRORS: Record<string, { fr: string; en: string }> = {
  'invitation-unknown': { fr: 'Ce lien d’invitation n’est pas valide. Vérifiez que vous avez copié l’adresse complète.', en: 'This invitation link is not valid. Check that you copied the whole address.' },
  'invitation-used': { fr: 'Cette invitation a déjà servi. Si c’était vous, connectez-vous avec votre compte.', en: 'This invitation has already been used. If it was you, log in with your account.' },
  'invitation-revoked': { fr: 'Cette invitation a été retirée. Demandez une nouvelle invitation à la personne qui vous a invité.', en: 'This invitation was withdrawn. Ask the person who invited you for a new one.' },
  'invitation-expired': { fr: 'Cette invitation a expiré. Demandez une nouvelle invitation à la personne qui vous a invité.', en: 'This invitation has expired. Ask the person who invited you for a new one.' },
  'invitation-room-gone': { fr: 'Le salon de cette invitation n’existe plus.', en: 'The room of this invitation no longer exists.' },
  'registration-closed': { fr: 'Les inscriptions sont fermées : le service TeamChat est arrêté. Réessayez plus tard.', en: 'Registration is closed: the TeamChat service is stopped. Try again later.' },
  'password-mismatch': { fr: 'Les deux mots de passe sont différents.', en: 'The two passwords differ.' },
  'weak-password': { fr: 'Ce mot de passe ne respecte pas les règles : au moins 8 caractères, sans caractère de contrôle.', en: 'This password does not follow the rules: at least 8 characters, no control characters.' },
  'invalid-first-name': { fr: 'Indiquez un prénom (100 caractères au plus, sans < ni >).', en: 'Enter a first name (at most 100 characters, without < or >).' },
  'invalid-last-name': { fr: 'Indiquez un nom (100 caractères au plus, sans < ni >).', en: 'Enter a last name (at most 100 characters, without < or >).' },
  'already-guest': { fr: 'Cette adresse a déjà un compte invité : connectez-vous avec.', en: 'This address already has a guest account: log in with it.' },
  'verification-unknown': { fr: 'Ce lien de confirmation n’est pas valide.', en: 'This confirmation link is not valid.' },
  'verification-used': { fr: 'Ce lien de confirmation a déjà servi : votre compte existe, connectez-vous.', en: 'This confirmation link has already been used: your account exists, log in.' },
  'verification-expired': { fr: 'Ce lien de confirmation a expiré : remplissez de nouveau le formulaire depuis l’invitation.', en: 'This confirmation link has expired: fill in the form again from the invitation.' },
  'registration-rate-limited': { fr: 'Ce formulaire a déjà été envoyé plusieurs fois dans l’heure : suivez le lien d’un des messages reçus, ou réessayez plus tard.', en: 'This form was already sent several times in the last hour: follow the link in one of the messages you received, or try again later.' },
  'csrf': { fr: 'Le formulaire a expiré ou ne vient pas de cette page. Rechargez la page et recommencez.', en: 'The form expired or did not come from this page. Reload the page and try again.' },
  'mail-failed': { fr: 'Le message de confirmation n’a pas pu être envoyé. Réessayez dans quelques minutes.', en: 'The confirmation message could not be sent. Try again in a few minutes.' },
  'internal': { fr: 'Une erreur inattendue est survenue. Réessayez plus tard.', en: 'An unexpected error occurred. Try again later.' },
};

export function errorText(code: string, language: PageLanguage): string {
  return (ERRORS[code] ?? ERRORS.internal!)[language];
}

export function pageLanguage(...candidates: Array<string | null | undefined>): PageLanguage {
  for (const value of candidates) {
    if (value === 'fr' || value === 'en') return value;
  }
  return 'fr';
}
