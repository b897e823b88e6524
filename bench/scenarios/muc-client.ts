// One logged-in occupant of the muc scenario: routes what its XmppClient receives
// to iq waiters, a pending room join, the delivery handler of the running phase, or
// the MAM result counter. Cheap string checks only, one stanza at a time.
import type { XmppClient } from '../load/xmpp-client.js';
import { rootAttr } from '../load/xml-text.js';
import { groupchatBody, isErrorStanza, isGroupchat, joinPresence, mamResultQueryId, mucStatusCodes } from '../load/muc-text.js';

export type DeliveryHandler = (sentAt: number, phase: string) => void;

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class MucClient {
  /** Called for each groupchat message with a body written by the load generator. */
  onDelivery: DeliveryHandler | undefined;
  /** Error messages (type="error") received, e.g. a refused groupchat post. */
  bounced = 0;
  firstBounce: string | undefined;
  /** MAM result messages received for `mamQueryId`. */
  mamResults = 0;
  mamQueryId: string | undefined;

  private readonly iqs = new Map<string, Pending<string>>();
  private join: (Pending<number[]> & { from: string }) | undefined;
  private nextId = 0;

  constructor(
    readonly client: XmppClient,
    readonly nick: string,
    /** ` xmlns='jabber:client'` on WebSocket, '' on TCP. */
    readonly ns: string,
  ) {
    client.onStanza = (xml) => this.dispatch(xml);
  }

  /** Bare JID of the account, from the bound full JID. */
  get bareJid(): string {
    const slash = this.client.jid.indexOf('/');
    return slash < 0 ? this.client.jid : this.client.jid.slice(0, slash);
  }

  newId(prefix: string): string {
    this.nextId += 1;
    return `${prefix}${this.nextId}`;
  }

  /** Sends an iq built by `build(id)`; resolves with the result, rejects on an error reply or timeout. */
  iq(build: (id: string) => string, timeoutMs: number): Promise<string> {
    const id = this.newId('q');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.iqs.delete(id);
        reject(new Error(`iq ${id} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.iqs.set(id, { resolve, reject, timer });
      this.client.send(build(id));
    });
  }

  /** Joins `roomJid` under `nick`; resolves with the status codes of the self-presence (110, 201…). */
  joinRoom(roomJid: string, timeoutMs: number): Promise<number[]> {
    if (this.join) return Promise.reject(new Error('one join at a time'));
    const from = `${roomJid}/${this.nick}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.join = undefined;
        reject(new Error(`join of ${roomJid} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.join = { resolve, reject, timer, from };
      this.client.send(joinPresence(this.ns, roomJid, this.nick));
    });
  }

  private dispatch(xml: string): void {
    if (xml.startsWith('<message')) this.message(xml);
    else if (xml.startsWith('<presence')) this.presence(xml);
    else if (xml.startsWith('<iq')) this.iqReply(xml);
  }

  private message(xml: string): void {
    if (isGroupchat(xml)) {
      const body = groupchatBody(xml);
      if (body) this.onDelivery?.(body.sentAt, body.phase);
      return;
    }
    if (isErrorStanza(xml)) {
      this.bounced += 1;
      this.firstBounce ??= xml.slice(0, 300);
      return;
    }
    if (this.mamQueryId !== undefined && mamResultQueryId(xml) === this.mamQueryId) this.mamResults += 1;
  }

  private presence(xml: string): void {
    const join = this.join;
    if (!join || rootAttr(xml, 'from') !== join.from) return;
    if (isErrorStanza(xml)) {
      this.settleJoin();
      join.reject(new Error(`join refused: ${xml.slice(0, 300)}`));
      return;
    }
    const codes = mucStatusCodes(xml);
    if (!codes.includes(110)) return;
    this.settleJoin();
    join.resolve(codes);
  }

  private settleJoin(): void {
    if (this.join) clearTimeout(this.join.timer);
    this.join = undefined;
  }

  private iqReply(xml: string): void {
    const id = rootAttr(xml, 'id');
    const pending = id === undefined ? undefined : this.iqs.get(id);
    if (!pending || id === undefined) return;
    const type = rootAttr(xml, 'type');
    if (type !== 'result' && type !== 'error') return;
    this.iqs.delete(id);
    clearTimeout(pending.timer);
    if (type === 'result') pending.resolve(xml);
    else pending.reject(new Error(`iq ${id} failed: ${xml.slice(0, 300)}`));
  }
}
