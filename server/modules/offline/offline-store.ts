// XEP-0160: Best Practices for Handling Offline Messages — storing side.
// https://xmpp.org/extensions/xep-0160.html
// A message for an account with no available resource is kept, stamped
// with XEP-0203 delay (from = the server's domain, stamp = storage time),
// within `limits.offlineMaxPerAccount`. Admission is serialised per account
// and waits for the account's previous write to settle before counting: the
// count is then exact (counting "in flight" writes beside the database could
// count a just-committed row twice on another pooled connection, and refuse
// a message wrongly).

import { AppError } from '../../core/errors.js';
import type { Jid } from '../../core/jid.js';
import type { DurableWriter } from '../../domain/durable-writer.js';
import type { OfflineRepo } from '../../store/types.js';
import { isStorableMessage, withDelay } from '../../xmpp/unacked-offline.js';
import type { Element } from '../../xmpp/stanza.js';
import { hasHint } from '../mam/archiving.js';
import { KeyedLock } from '../../core/keyed-lock.js';

export interface OfflineStoreDeps {
  repo: Pick<OfflineRepo, 'count'>;
  durable: Pick<DurableWriter, 'write'>;
  /** The account id behind a bare JID, undefined when there is none. */
  accountIdOf(jid: Jid): Promise<number | undefined>;
  limit: number;
  /** Called once a stored copy is committed (the account may have come online meanwhile). */
  committed?(accountId: number, to: Jid): void;
  now?: () => Date;
}

export interface OfflineRequest {
  stanza: Element;
  to: Jid;
  durable(write: Promise<unknown>): void;
}

export class OfflineStore {
  private readonly deps: OfflineStoreDeps;
  private readonly lastWrite = new Map<number, Promise<void>>();
  private readonly admission = new KeyedLock<number>();

  constructor(deps: OfflineStoreDeps) {
    this.deps = deps;
  }

  /**
   * Stores the message if it is worth storing; returns false when it is not
   * (nothing stored: chat states, receipts, no-store hints, unknown account).
   * Throws AppError('resource-constraint') when the account's storage is full.
   */
  async store(request: OfflineRequest): Promise<boolean> {
    const { stanza, to } = request;
    if (!isStorableMessage(stanza) || hasHint(stanza, 'no-store')) return false;
    const accountId = await this.deps.accountIdOf(to);
    if (accountId === undefined) return false;
    return this.admission.run(accountId, async () => {
      await this.lastWrite.get(accountId)?.catch(() => undefined);
      const stored = await this.deps.repo.count(accountId);
      if (stored >= this.deps.limit) {
        throw new AppError('resource-constraint', `${to.bare} is offline and cannot take more messages now (${this.deps.limit} are waiting); please try again later`, {
          details: { limit: this.deps.limit },
        });
      }
      const copy = withDelay(stanza, to.domain, this.deps.now?.() ?? new Date());
      const write = this.deps.durable.write({ offline: [{ accountId, stanza: copy.toString() }] });
      this.lastWrite.set(accountId, write);
      write.then(
        () => {
          if (this.lastWrite.get(accountId) === write) this.lastWrite.delete(accountId);
          this.deps.committed?.(accountId, to);
        },
        () => {
          if (this.lastWrite.get(accountId) === write) this.lastWrite.delete(accountId);
        },
      );
      request.durable(write);
      return true;
    });
  }
}
