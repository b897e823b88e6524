import { describe, expect, it } from 'vitest';
import { errorSentence, loginErrorSentence } from './errors.js';
import { LoginError, StanzaError } from '../xmpp/stanza-error.js';

describe('sign-in and other errors have separate sentences', () => {
  it('says "wrong password" for not-authorized only at sign-in', () => {
    expect(loginErrorSentence('fr', new LoginError('not-authorized'))).toBe('Identifiant ou mot de passe incorrect.');
    expect(loginErrorSentence('en', { condition: 'not-authorized' })).toBe('Wrong user ID or password.');
  });

  it('says something else for a not-authorized stanza error after sign-in', () => {
    const fr = errorSentence('fr', new StanzaError('not-authorized'));
    expect(fr).toBe('Le serveur n’a pas accepté vos identifiants pour cette action.');
    expect(fr).not.toContain('mot de passe incorrect');
    expect(errorSentence('en', new StanzaError('not-authorized', 'Not your account'))).toBe('The server did not accept your credentials for this action. (Server: “Not your account”)');
  });

  it('uses the general sentences for other sign-in failures', () => {
    expect(loginErrorSentence('fr', new LoginError('account-disabled'))).toBe('Ce compte est désactivé.');
    expect(loginErrorSentence('en', new LoginError('network'))).toBe(errorSentence('en', { condition: 'network' }));
    expect(loginErrorSentence('fr', 'boom')).toBe('Une erreur inattendue est survenue.');
  });
});
