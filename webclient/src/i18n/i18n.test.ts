import { describe, expect, it } from 'vitest';
import { fr } from './fr.js';
import { en } from './en.js';
import { pickLanguage, translate } from './index.js';
import { errorSentence } from './errors.js';
import { StanzaError } from '../xmpp/stanza-error.js';

describe('i18n', () => {
  it('has the same keys, all non-empty, in French and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const value of [...Object.values(fr), ...Object.values(en)]) expect(value.trim()).not.toBe('');
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(translate('fr', 'nav.unread', { n: 3 })).toBe('3 non lus');
    expect(translate('en', 'nav.unread')).toBe('{n} unread');
  });

  it('prefers the browser language when it has it, French otherwise', () => {
    expect(pickLanguage(['en-GB', 'fr'])).toBe('en');
    expect(pickLanguage(['de-DE', 'fr-CA'])).toBe('fr');
    expect(pickLanguage(['de'])).toBe('fr');
  });
});

describe('errorSentence', () => {
  it('maps stanza error conditions to sentences in each language', () => {
    expect(errorSentence('fr', new StanzaError('registration-required'))).toBe('Vous n’êtes pas membre de ce salon.');
    expect(errorSentence('en', new StanzaError('resource-constraint'))).toBe('Too many requests: please wait a little.');
  });

  it('adds the server text, which explains policies', () => {
    expect(errorSentence('en', new StanzaError('forbidden', 'TeamChat is off for your domain'))).toBe('You are not allowed to do that. (Server: “TeamChat is off for your domain”)');
  });

  it('falls back to a general sentence for unknown conditions and non-errors', () => {
    expect(errorSentence('fr', new StanzaError('gone-fishing'))).toBe('Une erreur inattendue est survenue.');
    expect(errorSentence('en', 'boom')).toBe('Something unexpected went wrong.');
  });
});
