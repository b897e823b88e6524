// Type declarations for the parts of ltx (https://github.com/xmppjs/ltx) the
// project uses; ltx ships no types of its own.
declare module 'ltx' {
  export type Node = Element | string;
  export type Attributes = Record<string, string | number | boolean | null | undefined>;

  export class Element {
    constructor(name: string, attrs?: Attributes | null);
    name: string;
    parent: Element | null;
    children: Node[];
    attrs: Record<string, string>;
    is(name: string, xmlns?: string): boolean;
    getName(): string;
    getNS(): string | undefined;
    getAttr(name: string, xmlns?: string): string | undefined;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildByAttr(attr: string, val: string, xmlns?: string, recursive?: boolean): Element | undefined;
    getChildText(name: string, xmlns?: string): string | null;
    getChildElements(): Element[];
    getText(): string;
    root(): Element;
    up(): Element;
    c(name: string, attrs?: Attributes | null): Element;
    cnode<T extends Node>(child: T): T;
    append(...nodes: Node[]): Element;
    prepend(...nodes: Node[]): Element;
    t(text: string): Element;
    remove(el: Element | string, xmlns?: string): Element;
    text(val?: string): string;
    attr(attr: string, val?: string | null): string | undefined;
    toString(): string;
  }

  export function escapeXML(s: string): string;
  export function escapeXMLText(s: string): string;
  export function clone<T extends Element>(el: T): T;
  export function parse(xml: string): Element;
}
