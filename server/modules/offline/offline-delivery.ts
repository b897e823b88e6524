// XEP-0160 §"Flushing": stored messages reach the account's first session
// that sends initial presence with a non-negative priority, oldest first,
// each already carrying the delay stamp of its storage. A row is deleted
// only after its stanza was handed to the session: with XEP-0198 the
// session keeps it until acknowledged, and if it never is, the node puts
// it back into offline storage when the session ends.
// https://xmpp.org/extensions/xep-0160.html — https://xmpp.org/extensions/xep-0198.html

import { parse } from 'ltx';
import type { Logger } from '../../core/logger.js';
import type { OfflineRepo } from '../../store/types.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';
import { KeyedLock } from '../../core/keyed-lock.js';

const BATCH = 100;

/** The part of a session offline delivery needs (ClientSession satisfies it). */
export type OfflineRecipient = Pick<ClientSession, 'account' | 'priority' | 'phase' | 'send'>;

export class OfflineDelivery {
  private readonly repo: Pick<OfflineRepo, 'find' | 'deleteIds'>;
  private readonly log: Logger;
  private readonly maxPerAccount: number;
  private readonly perAccount = new KeyedLock<number>();

  constructor(repo: Pick<OfflineRepo, 'find' | 'deleteIds'>, log: Logger, maxPerAccount: number) {
    this.repo = repo;
    this.log = log;
    this.maxPerAccount = maxPerAccount;
  }

  /** Sends every stored message to `session`; returns how many were sent. */
  flush(session: OfflineRecipient): Promise<number> {
    const account = session.account;
    if (!account || session.priority < 0) return Promise.resolve(0);
    // One flush per account at a time: a second resource coming online
    // meanwhile finds the rows already gone instead of getting duplicates.
    return this.perAccount.run(account.id, () => this.drain(account.id, session));
  }

  private async drain(accountId: number, session: OfflineRecipient): Promise<number> {
    let sent = 0;
    // Bounded: messages stored while we drain are at most the account limit.
    for (let round = 0; round * BATCH <= this.maxPerAccount + BATCH; round++) {
      const batch = await this.repo.find(accountId, BATCH);
      if (batch.length === 0) break;
      const done: number[] = [];
      for (const row of batch) {
        if (session.phase === 'closed') break;
        const stanza = parseStored(row.stanza);
        if (stanza) {
          session.send(stanza);
          sent += 1;
        } else this.log.warn('dropping an unreadable offline message', { accountId, id: row.id });
        done.push(row.id);
      }
      await this.repo.deleteIds(accountId, done);
      if (done.length < batch.length) break;
    }
    return sent;
  }
}

function parseStored(xml: string): Element | undefined {
  try {
    const element = parse(xml);
    return element.name === 'message' ? element : undefined;
  } catch {
    return undefined;
  }
}
