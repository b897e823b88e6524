// XEP-0160: Best Practices for Handling Offline Messages — storing side.
// https://xmpp.org/extensions/xep-0160.html
// A message for an account with no available resource is kept, stamped
// with XEP-0203 delay (from = the server's domain, stamp = storage time),
// within `limits.offlineMaxPerAccount`. Admission is serialised per account
// and counts writes still in flight, so a burst cannot overshoot the limit.

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
  private readonly inFlight = new Map<number, number>();
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
      const stored = (await this.deps.repo.count(accountId)) + (this.inFlight.get(accountId) ?? 0);
      if (stored >= this.deps.limit) {
        throw new AppError('resource-constraint', `${to.bare} is offline and cannot take more messages now (${this.deps.limit} are waiting); please try again later`, {
          details: { limit: this.deps.limit },
        });
      }
      const copy = withDelay(stanza, to.domain, this.deps.now?.() ?? new Date());
      const write = this.deps.durable.write({ offline: [{ accountId, stanza: copy.toString() }] });
      this.inFlight.set(accountId, (this.inFlight.get(accountId) ?? 0) + 1);
      const settle = (): void => {
        const left = (this.inFlight.get(accountId) ?? 1) - 1;
        if (left <= 0) this.inFlight.delete(accountId);
        else this.inFlight.set(accountId, left);
      };
      write.then(() => {
        settle();
        this.deps.committed?.(accountId, to);
      }, settle);
      request.durable(write);
      return true;
    });
  }
}
