// The one store and session of the page, and a lit controller that
// re-renders a component when the store changes.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Store, initialState } from './store.js';
import { ChatSession } from './session.js';
import { pickLanguage, translate } from './i18n/index.js';
import type { Lang, MessageKey } from './i18n/index.js';

function startLanguage(): Lang {
  const saved = localStorage.getItem('causerie.lang');
  return saved === 'fr' || saved === 'en' ? saved : pickLanguage(navigator.languages ?? [navigator.language]);
}

export const store = new Store({ ...initialState(startLanguage()), notifications: localStorage.getItem('causerie.notify') === '1' });
export const session = new ChatSession(store);

/** Translates in the current language. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(store.state.lang, key, params);
}

export class StoreController implements ReactiveController {
  private unsubscribe?: () => void;

  constructor(private host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = store.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}
