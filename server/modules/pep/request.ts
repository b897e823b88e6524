// Shared shape of PEP iq handlers: find the owner (the sender's own account
// for `self`, the addressed account for `bare`), run the operation, answer
// with its payload or the pubsub error.

import { AppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import type { ModuleContext } from '../../core/module.js';
import { iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { replyWithError } from './errors.js';
import type { PepOwner } from './notify.js';

export interface PepRequest {
  event: StanzaEvent;
  owner: PepOwner;
  /** Bare JID of the requesting account. */
  requester: string;
  /** The <pubsub/> element. */
  pubsub: Element;
  isOwner: boolean;
}

export type PepOperation = (request: PepRequest) => Promise<Element | undefined>;

async function ownerOf(ctx: ModuleContext, event: StanzaEvent): Promise<PepOwner> {
  const { origin, to } = event;
  if (origin?.account && origin.jid && to.bare === origin.jid.bare) return { accountId: origin.account.id, bare: origin.jid.bare };
  const account = await ctx.services.accounts.getByJid(to.local, to.domain);
  // RFC 6121 §8.5.1: no such account → service-unavailable, as if nobody were there.
  if (!account) throw new AppError('service-unavailable');
  return { accountId: account.id, bare: to.bare };
}

/** Wraps an operation into an iq hook handler that always answers. */
export function pepHandler(ctx: ModuleContext, operation: PepOperation): (event: StanzaEvent) => Promise<boolean> {
  return async (event) => {
    const { stanza, origin } = event;
    const pubsub = stanza.getChildElements()[0];
    if (!pubsub) return false;
    try {
      const owner = await ownerOf(ctx, event);
      const requester = event.from.bare;
      const payload = await operation({ event, owner, requester, pubsub, isOwner: owner.bare === requester });
      origin?.send(iqResult(stanza, payload));
    } catch (error) {
      replyWithError(ctx, origin, stanza, error);
    }
    return true;
  };
}
