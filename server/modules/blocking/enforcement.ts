// XEP-0191 §3.3 enforcement: what happens to stanzas between a user and a
// JID on their blocklist. https://xmpp.org/extensions/xep-0191.html#block
// - From the blocker to a blocked JID: not routed; the sender gets
//   <not-acceptable/> with <blocked xmlns='urn:xmpp:blocking:errors'/>
//   (unavailable presence may pass, errors and iq results are dropped).
// - From a blocked JID to the blocker: messages and iq get/set bounce with
//   <service-unavailable/> (the blocker looks absent); presence, iq results
//   and errors are dropped silently.
// Client stanzas are checked in `pre-…` (before any module sees them);
// stanzas the server routes (presence broadcasts, rooms) in the delivery events.

import { AppError } from '../../core/errors.js';
import type { AddressKind, StanzaEvent } from '../../core/hooks.js';
import type { ModuleContext } from '../../core/module.js';
import { NS_BLOCKING_ERRORS } from '../../xmpp/namespaces.js';
import { errorReply } from '../../xmpp/stanza-errors.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { BlocklistCache } from './blocklist-cache.js';

/** Runs before every other module. */
export const ENFORCEMENT_PRIORITY = 1000;

type MaybePromise<T> = T | Promise<T>;

function then<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

function isErrorOrResult(stanza: Element): boolean {
  const type = stanza.attrs.type;
  return type === 'error' || (stanza.name === 'iq' && type === 'result');
}

/** The §3.3 error to the blocker: type cancel, as in the XEP's example. */
export function blockedErrorReply(stanza: Element): Element | undefined {
  const reply = errorReply(stanza, new AppError('not-acceptable', 'You have blocked this address'));
  const error = reply?.getChild('error');
  if (!reply || !error) return undefined;
  error.attrs.type = 'cancel';
  error.cnode(el('blocked', { xmlns: NS_BLOCKING_ERRORS }));
  return reply;
}

export function installEnforcement(ctx: ModuleContext, cache: BlocklistCache): void {
  /** Stanza from a blocked JID to the blocker: true when stopped. */
  const inbound = (event: StanzaEvent): MaybePromise<boolean> => {
    const { stanza, to, from } = event;
    return then(cache.accountIdOf(to.bare), (recipientId) => {
      if (recipientId === undefined) return false;
      return then(cache.blocks(recipientId, from), (blocked) => {
        if (!blocked) return false;
        const bounces = stanza.name === 'message' || (stanza.name === 'iq' && (stanza.attrs.type === 'get' || stanza.attrs.type === 'set'));
        if (bounces && !isErrorOrResult(stanza)) ctx.router.reply(event.origin, stanza, new AppError('service-unavailable'));
        return true;
      });
    });
  };

  /** Stanza from the blocker (a local client) to a JID it blocked: true when stopped. */
  const outbound = (event: StanzaEvent, senderId: number): MaybePromise<boolean> =>
    then(cache.blocks(senderId, event.to), (blocked) => {
      if (!blocked) return false;
      const { stanza, origin } = event;
      if (stanza.name === 'presence' && stanza.attrs.type === 'unavailable') return false;
      if (isErrorOrResult(stanza)) return true;
      const reply = blockedErrorReply(stanza);
      if (reply && origin?.jid) {
        reply.attrs.to = origin.jid.full;
        origin.send(reply);
      }
      return true;
    });

  const fromClient = (event: StanzaEvent): MaybePromise<boolean> => {
    const senderId = event.origin?.account?.id;
    if (senderId === undefined || event.from.bare === event.to.bare) return false;
    return then(outbound(event, senderId), (stopped) => stopped || inbound(event));
  };

  const routedByServer = (event: StanzaEvent): MaybePromise<boolean> => {
    // Client stanzas were checked in pre-…; only server-routed ones remain.
    if (event.origin !== undefined || event.from.bare === event.to.bare) return false;
    return then(inbound(event), (stopped) => {
      if (stopped || !event.from.local) return stopped;
      // A broadcast from the blocker itself (its presence) must not reach the blocked JID either.
      return then(cache.accountIdOf(event.from.bare), (senderId) => (senderId === undefined ? false : cache.blocks(senderId, event.to)));
    });
  };

  const kinds: AddressKind[] = ['bare', 'full'];
  for (const kind of kinds) {
    for (const name of ['message', 'presence', 'iq'] as const) {
      ctx.hook(`pre-${name}/${kind}`, fromClient, ENFORCEMENT_PRIORITY);
      ctx.hook(`${name}/${kind}`, routedByServer, ENFORCEMENT_PRIORITY);
    }
  }
}
