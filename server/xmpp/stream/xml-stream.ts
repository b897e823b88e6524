// Incremental XML parser for XMPP streams, with the limits of RFC 6120 §11:
// no DOCTYPE, no comments, no processing instructions, no entities beyond the
// predefined five, bounded stanza size and depth.
// RFC 6120 §11 — https://www.rfc-editor.org/rfc/rfc6120#section-11
// RFC 7395 §3.3 (WebSocket framing) — https://www.rfc-editor.org/rfc/rfc7395#section-3.3
//
// saxes checks well-formedness; we build ltx elements from its events. Two
// framings: 'stream' (TCP: one document whose root is <stream:stream>) and
// 'websocket' (each frame is one complete element; we parse them all inside
// a synthetic root so one parser serves the whole connection).

import { SaxesParser } from 'saxes';
import type { SaxesTagPlain } from 'saxes';
import { Element } from '../stanza.js';

export type StreamFault = 'not-well-formed' | 'restricted-xml' | 'policy-violation' | 'invalid-namespace';

export interface XmlStreamHandlers {
  onStreamOpen(attrs: Record<string, string>): void;
  onElement(element: Element): void;
  onStreamClose(): void;
  onFault(fault: StreamFault, text: string): void;
}

export interface XmlStreamLimits {
  maxStanzaBytes: number;
  maxDepth: number;
}

export type Framing = 'stream' | 'websocket';

const SYNTHETIC_ROOT = '<frames>';

export class XmlStreamParser {
  private parser!: SaxesParser<{ xmlns: false }>;
  private stack: Element[] = [];
  private depth = 0;
  private pendingBytes = 0;
  private failed = false;
  private elementsInFrame = 0;
  private handlers: XmlStreamHandlers;
  private readonly limits: XmlStreamLimits;
  private readonly framing: Framing;

  constructor(framing: Framing, limits: XmlStreamLimits, handlers: XmlStreamHandlers) {
    this.framing = framing;
    this.limits = limits;
    this.handlers = handlers;
    this.reset();
  }

  /** Starts a fresh document (stream restart after STARTTLS or SASL). */
  reset(): void {
    const parser = new SaxesParser({ xmlns: false, position: false });
    parser.on('opentag', (tag) => this.openTag(tag));
    parser.on('closetag', (tag) => this.closeTag(tag));
    parser.on('text', (text) => this.text(text));
    parser.on('cdata', (text) => this.text(text));
    parser.on('doctype', () => this.fault('restricted-xml', 'DOCTYPE is not allowed'));
    parser.on('comment', () => this.fault('restricted-xml', 'XML comments are not allowed'));
    parser.on('processinginstruction', () => this.fault('restricted-xml', 'processing instructions are not allowed'));
    parser.on('error', (error) => {
      const restricted = /entity/i.test(error.message);
      this.fault(restricted ? 'restricted-xml' : 'not-well-formed', restricted ? 'entity references are not allowed' : 'malformed XML');
    });
    this.parser = parser;
    this.stack = [];
    this.depth = 0;
    this.pendingBytes = 0;
    if (this.framing === 'websocket') this.feed(SYNTHETIC_ROOT);
  }

  /** Hands the parsed stream to another owner (XEP-0198 resumption). */
  setHandlers(handlers: XmlStreamHandlers): void {
    this.handlers = handlers;
  }

  get isFailed(): boolean {
    return this.failed;
  }

  /** Feeds one chunk (TCP) or one complete frame (WebSocket). */
  write(chunk: string): void {
    if (this.failed) return;
    this.pendingBytes += Buffer.byteLength(chunk, 'utf8');
    if (this.depth > 1 && this.pendingBytes > this.limits.maxStanzaBytes) {
      this.fault('policy-violation', `stanza larger than ${this.limits.maxStanzaBytes} bytes`);
      return;
    }
    if (this.framing === 'websocket') {
      this.elementsInFrame = 0;
      if (this.pendingBytes > this.limits.maxStanzaBytes) {
        this.fault('policy-violation', `frame larger than ${this.limits.maxStanzaBytes} bytes`);
        return;
      }
    }
    this.feed(chunk);
    if (this.failed) return;
    if (this.framing === 'websocket' && (this.depth !== 1 || this.elementsInFrame !== 1)) {
      // RFC 7395 §3.3.3: every frame holds exactly one complete element.
      this.fault('not-well-formed', 'a WebSocket frame must hold exactly one complete XML element');
    }
    if (this.depth > 1 && this.pendingBytes > this.limits.maxStanzaBytes) {
      this.fault('policy-violation', `stanza larger than ${this.limits.maxStanzaBytes} bytes`);
    }
  }

  private feed(chunk: string): void {
    try {
      this.parser.write(chunk);
    } catch (error) {
      // saxes throws from write() when no error handler consumed the error.
      if (!this.failed) this.fault('not-well-formed', error instanceof Error ? error.message : 'malformed XML');
    }
  }

  private openTag(tag: SaxesTagPlain): void {
    if (this.failed) return;
    this.depth += 1;
    if (this.depth === 1) {
      if (this.framing === 'stream') this.openStream(tag);
      return;
    }
    if (this.depth > this.limits.maxDepth + 1) {
      this.fault('policy-violation', `XML nested deeper than ${this.limits.maxDepth} levels`);
      return;
    }
    const element = new Element(tag.name, tag.attributes);
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.cnode(element);
    this.stack.push(element);
  }

  private openStream(tag: SaxesTagPlain): void {
    if (tag.name !== 'stream:stream' && tag.name !== 'stream') {
      this.fault('invalid-namespace', 'the stream must open with <stream:stream>');
      return;
    }
    this.handlers.onStreamOpen({ ...tag.attributes });
  }

  private closeTag(_tag: SaxesTagPlain): void {
    if (this.failed) return;
    this.depth -= 1;
    if (this.depth === 0) {
      if (this.framing === 'stream') this.handlers.onStreamClose();
      return;
    }
    const element = this.stack.pop();
    if (!element || this.depth !== 1) return;
    this.pendingBytes = 0;
    this.elementsInFrame += 1;
    element.parent = null;
    if (this.framing === 'websocket' && element.name === 'open') this.handlers.onStreamOpen({ ...element.attrs });
    else if (this.framing === 'websocket' && element.name === 'close') this.handlers.onStreamClose();
    else this.handlers.onElement(element);
  }

  private text(text: string): void {
    if (this.failed) return;
    const current = this.stack[this.stack.length - 1];
    if (current) current.t(text);
    // Text between stanzas is whitespace keep-alive; anything else is ignored
    // but still counted against the size limit through pendingBytes.
  }

  private fault(fault: StreamFault, text: string): void {
    if (this.failed) return;
    this.failed = true;
    this.stack = [];
    this.handlers.onFault(fault, text);
  }
}
