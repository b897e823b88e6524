// A small XML element model for stanzas: built with x(), serialised with
// escaping, parsed from WebSocket frames with the browser's DOMParser. No
// user text ever goes through innerHTML: it stays a string child here.

export type XmlChild = XmlElement | string;

export class XmlElement {
  constructor(
    public name: string,
    public attrs: Record<string, string> = {},
    public children: XmlChild[] = [],
  ) {}

  get xmlns(): string | undefined {
    return this.attrs.xmlns;
  }

  /** The first child element with this name (and namespace, when given). */
  child(name: string, xmlns?: string): XmlElement | undefined {
    return this.elements().find((c) => c.name === name && (xmlns === undefined || c.ns() === xmlns));
  }

  childrenNamed(name: string, xmlns?: string): XmlElement[] {
    return this.elements().filter((c) => c.name === name && (xmlns === undefined || c.ns() === xmlns));
  }

  elements(): XmlElement[] {
    return this.children.filter((c): c is XmlElement => typeof c !== 'string');
  }

  text(): string {
    return this.children.map((c) => (typeof c === 'string' ? c : c.text())).join('');
  }

  childText(name: string, xmlns?: string): string | undefined {
    return this.child(name, xmlns)?.text();
  }

  /** The element's namespace: its own xmlns or the one inherited when parsed. */
  ns(): string | undefined {
    return this.attrs.xmlns ?? this.inheritedNs;
  }

  inheritedNs?: string;

  append(...children: Array<XmlChild | undefined | null | false>): this {
    for (const c of children) if (c !== undefined && c !== null && c !== false) this.children.push(c);
    return this;
  }

  toString(): string {
    return serialize(this);
  }
}

/** Builds an element: x('message', { to }, x('body', {}, text)). Undefined attributes are dropped. */
export function x(name: string, attrs: Record<string, string | number | undefined> = {}, ...children: Array<XmlChild | undefined | null | false>): XmlElement {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) clean[k] = String(v);
  return new XmlElement(name, clean).append(...children);
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function serialize(el: XmlElement): string {
  const attrs = Object.entries(el.attrs).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  if (el.children.length === 0) return `<${el.name}${attrs}/>`;
  const inner = el.children.map((c) => (typeof c === 'string' ? escapeText(c) : serialize(c))).join('');
  return `<${el.name}${attrs}>${inner}</${el.name}>`;
}

/** Converts a parsed DOM element into an XmlElement (namespaces kept as xmlns where they change). */
export function fromDom(node: Element, parentNs?: string): XmlElement {
  const el = new XmlElement(node.localName);
  const ns = node.namespaceURI ?? undefined;
  if (ns && ns !== parentNs) el.attrs.xmlns = ns;
  el.inheritedNs = ns;
  for (const attr of Array.from(node.attributes)) {
    if (attr.name === 'xmlns' || attr.name.startsWith('xmlns:')) continue;
    el.attrs[attr.name] = attr.value;
  }
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 1) el.children.push(fromDom(child as Element, ns));
    else if (child.nodeType === 3 || child.nodeType === 4) el.children.push(child.nodeValue ?? '');
  }
  return el;
}

/** Parses one WebSocket frame (one top-level element, RFC 7395 §3.3.3). */
export function parseFrame(frame: string): XmlElement | undefined {
  const doc = new DOMParser().parseFromString(frame, 'text/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return undefined;
  const root = doc.documentElement;
  return root ? fromDom(root) : undefined;
}
