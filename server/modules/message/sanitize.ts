// Identifiers and wrappers only the server may set are removed from what a
// client sends (DESIGN.md: "stanza-id, occupant-id and delay stamps from
// clients are stripped and set by the server").
// XEP-0359 §"Security Considerations" — https://xmpp.org/extensions/xep-0359.html#security
// XEP-0280 §"Security Considerations" — https://xmpp.org/extensions/xep-0280.html#security
//
// This node does not federate, so every archive a message can reach is a
// local one: a top-level <stanza-id/> from a client can only be a forgery
// of a local archive's id, whatever its 'by' says, and is removed. The same
// goes for top-level <delay/> (the offline store and MAM set their own),
// for carbon wrappers and for MAM results, which clients trust only
// because the server is the one that sends them.

import { NS_CARBONS, NS_DELAY, NS_MAM, NS_SID } from '../../xmpp/namespaces.js';
import type { Element } from '../../xmpp/stanza.js';

function isServerClaim(child: Element): boolean {
  const ns = child.attrs.xmlns;
  if (ns === NS_SID) return child.name === 'stanza-id';
  if (ns === NS_DELAY) return child.name === 'delay';
  if (ns === NS_CARBONS) return child.name === 'sent' || child.name === 'received';
  if (ns === NS_MAM) return child.name === 'result';
  return false;
}

/** Removes server-only claims from a client's message, in place; returns how many were removed. */
export function stripServerClaims(message: Element): number {
  const before = message.children.length;
  message.children = message.children.filter((child) => typeof child === 'string' || !isServerClaim(child));
  return before - message.children.length;
}
