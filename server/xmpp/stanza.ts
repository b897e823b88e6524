// Small helpers over ltx elements for building and inspecting stanzas.
// RFC 6120 §8 — https://www.rfc-editor.org/rfc/rfc6120#section-8

import { Element } from 'ltx';
import type { Attributes } from 'ltx';
import { NS_CLIENT } from './namespaces.js';

export { Element };

export type StanzaKind = 'message' | 'presence' | 'iq';

export function isStanzaName(name: string): name is StanzaKind {
  return name === 'message' || name === 'presence' || name === 'iq';
}

/** Creates an element with attributes and children in one call. */
export function el(name: string, attrs: Attributes | null = null, ...children: Array<Element | string | null | undefined | false>): Element {
  const element = new Element(name, attrs);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (typeof child === 'string') element.t(child);
    else element.cnode(child);
  }
  return element;
}

/** The namespace of a top-level stanza: jabber:client when not declared. */
export function stanzaNamespace(stanza: Element): string {
  return stanza.attrs.xmlns ?? NS_CLIENT;
}

/** The only child element of an iq get/set (RFC 6120 §8.2.3), or undefined. */
export function iqPayload(iq: Element): Element | undefined {
  const children = iq.getChildElements();
  return children.length === 1 ? children[0] : undefined;
}

/** Builds an iq result answering `iq`, swapping from/to. */
export function iqResult(iq: Element, payload?: Element): Element {
  const result = el('iq', { type: 'result', id: iq.attrs.id, to: iq.attrs.from, from: iq.attrs.to });
  if (payload) result.cnode(payload);
  return result;
}

/** Copies an element deeply, detached from its parent. */
export function cloneElement(element: Element): Element {
  const copy = new Element(element.name, { ...element.attrs });
  for (const child of element.children) {
    copy.children.push(typeof child === 'string' ? child : cloneElement(child));
    const last = copy.children[copy.children.length - 1];
    if (last !== undefined && typeof last !== 'string') last.parent = copy;
  }
  return copy;
}

/** Returns a copy of the stanza with new addressing attributes (undefined removes). */
export function readdress(stanza: Element, attrs: Record<string, string | undefined>): Element {
  const copy = cloneElement(stanza);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) delete copy.attrs[key];
    else copy.attrs[key] = value;
  }
  return copy;
}

export function bodyText(message: Element): string | null {
  return message.getChildText('body');
}
