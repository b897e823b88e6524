// The session's account side (split out of session.ts): display name,
// password (XEP-0077), language and mention notifications.

import type { Connection } from './xmpp/connection.js';
import { changePassword, saveDisplayName } from './xmpp/account.js';
import type { Lang } from './i18n/index.js';
import type { Store } from './store.js';

export class AccountSession {
  constructor(
    private store: Store,
    private conn: Connection,
  ) {}

  async saveDisplayName(name: string): Promise<void> {
    await saveDisplayName(this.conn, name);
    this.store.set({ displayName: name });
  }

  async changePassword(password: string): Promise<void> {
    await changePassword(this.conn, password);
    this.conn.setPassword(password);
  }

  setLanguage(lang: Lang): void {
    localStorage.setItem('causerie.lang', lang);
    document.documentElement.lang = lang;
    this.store.set({ lang });
  }

  async setNotifications(on: boolean): Promise<boolean> {
    if (on && 'Notification' in window && Notification.permission !== 'granted') {
      const answer = await Notification.requestPermission();
      if (answer !== 'granted') return false;
    }
    localStorage.setItem('causerie.notify', on ? '1' : '0');
    this.store.set({ notifications: on });
    return true;
  }
}
