// XEP-0060 errors: a defined condition plus an application-specific child
// in the pubsub#errors namespace (§7.1.3, §6.5.9, §8.2.3 …). Rendered here
// because the shared renderer only knows the project's own namespace.
// https://xmpp.org/extensions/xep-0060.html#errors

import { AppError } from '../../core/errors.js';
import type { ErrorCondition } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { NS_PUBSUB_ERRORS } from '../../xmpp/namespaces.js';
import { errorReply } from '../../xmpp/stanza-errors.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { ClientSession } from '../../xmpp/stream/client-session.js';

export type PubsubCondition =
  | 'closed-node'
  | 'invalid-options'
  | 'invalid-payload'
  | 'item-required'
  | 'nodeid-required'
  | 'not-in-roster-group'
  | 'payload-required'
  | 'payload-too-big'
  | 'precondition-not-met'
  | 'presence-subscription-required'
  | 'unsupported';

export class PubsubError extends AppError {
  readonly pubsubCondition: PubsubCondition | undefined;
  /** For <unsupported feature='…'/>. */
  readonly feature: string | undefined;

  constructor(condition: ErrorCondition, pubsubCondition?: PubsubCondition, text?: string, feature?: string) {
    super(condition, text);
    this.pubsubCondition = pubsubCondition;
    this.feature = feature;
  }
}

/** <feature-not-implemented/> with <unsupported feature='…'/> (§4.1 "Feature not supported"). */
export function unsupported(feature: string): PubsubError {
  return new PubsubError('feature-not-implemented', 'unsupported', `This service does not support ${feature}`, feature);
}

/** Builds the error reply to `stanza`, or undefined when it must not be answered. */
export function pubsubErrorReply(stanza: Element, error: AppError): Element | undefined {
  const reply = errorReply(stanza, error);
  if (!reply) return undefined;
  // Do not echo the request: a refused publish may carry a 100 KB avatar.
  reply.children = reply.children.filter((child) => typeof child !== 'string' && child.name === 'error');
  if (!(error instanceof PubsubError) || !error.pubsubCondition) return reply;
  const attrs = error.feature ? { xmlns: NS_PUBSUB_ERRORS, feature: error.feature } : { xmlns: NS_PUBSUB_ERRORS };
  reply.getChild('error')?.cnode(el(error.pubsubCondition, attrs));
  return reply;
}

/** Sends the error for `error` to the session that sent `stanza`; unexpected errors are logged and hidden. */
export function replyWithError(ctx: Pick<ModuleContext, 'log'>, origin: ClientSession | undefined, stanza: Element, error: unknown): void {
  let appError: AppError;
  if (error instanceof AppError) appError = error;
  else {
    ctx.log.error('pubsub request failed', { error, stanza: stanza.toString().slice(0, 300) });
    appError = new AppError('internal-server-error');
  }
  const reply = pubsubErrorReply(stanza, appError);
  if (!reply || !origin) return;
  if (origin.jid) reply.attrs.to = origin.jid.full;
  origin.send(reply);
}
