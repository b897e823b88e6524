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
import { NS_STREAM } from '../namespaces.js';

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
  /** Null while released between elements of an idle stream (see release()). */
  private parser: SaxesParser<{ xmlns: false }> | null = null;
  /** The root's opening tag, replayed to rebuild a released parser. */
  private rootOpen = SYNTHETIC_ROOT;
  /** True while a rebuilt parser is fed the root again: its events are not the peer's. */
  private replaying = false;
  private stack: Element[] = [];
  private depth = 0;
  /** Bytes of the current top-level element (or header, or text between elements) so far. */
  private pendingBytes = 0;
  /** True right after a top-level element or the stream header ended: only whitespace may follow. */
  private betweenElements = false;
  private failed = false;
  /** WebSocket: the elements completed by the current frame, handed on once the frame is known valid. */
  private frameElements: Element[] = [];
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
    this.parser = this.createParser();
    this.rootOpen = SYNTHETIC_ROOT;
    this.stack = [];
    this.depth = 0;
    this.pendingBytes = 0;
    this.betweenElements = false;
    if (this.framing === 'websocket') this.feed(SYNTHETIC_ROOT);
  }

  /**
   * Frees the parser while the stream rests between top-level elements (an
   * idle connection); the next write rebuilds it. A saxes parser holds a few
   * KiB, the biggest share of an idle session's heap. Returns whether it did.
   */
  release(): boolean {
    const atRest = this.depth === 1 && this.stack.length === 0 && (this.framing === 'websocket' || this.betweenElements);
    if (this.failed || !this.parser || !atRest) return false;
    this.parser = null;
    return true;
  }

  private revive(): SaxesParser<{ xmlns: false }> {
    const parser = this.createParser();
    this.parser = parser;
    // Without namespace processing the root is just a name to match at
    // </stream:stream>: replaying its opening tag restores the parser's state.
    this.replaying = true;
    try {
      parser.write(this.rootOpen);
    } finally {
      this.replaying = false;
    }
    return parser;
  }

  private createParser(): SaxesParser<{ xmlns: false }> {
    const parser = new SaxesParser({ xmlns: false, position: false });
    // A restart can happen inside a handler while the old parser is still
    // emitting; events from a replaced parser are ignored.
    const live = (): boolean => this.parser === parser && !this.failed && !this.replaying;
    parser.on('opentag', (tag) => live() && this.openTag(tag));
    parser.on('closetag', () => live() && this.closeTag());
    parser.on('text', (text) => live() && this.text(text));
    parser.on('cdata', (text) => live() && this.text(text));
    parser.on('doctype', () => live() && this.fault('restricted-xml', 'DOCTYPE is not allowed'));
    parser.on('comment', () => live() && this.fault('restricted-xml', 'XML comments are not allowed'));
    parser.on('processinginstruction', () => live() && this.fault('restricted-xml', 'processing instructions are not allowed'));
    parser.on('error', (error) => {
      if (!live()) return;
      const restricted = /entity/i.test(error.message);
      this.fault(restricted ? 'restricted-xml' : 'not-well-formed', restricted ? 'entity references are not allowed' : 'malformed XML');
    });
    return parser;
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
    if (this.framing === 'websocket') return this.writeFrame(chunk);
    // Feed the chunk in pieces that end at '>': every top-level element ends
    // at the end of a piece, so each element's size is counted exactly even
    // when one chunk holds several, and a restart inside a handler sends the
    // rest of the chunk to the new parser.
    let start = 0;
    while (start < chunk.length && !this.failed) {
      if (this.betweenElements) {
        // Whitespace keep-alives (RFC 6120 §4.6.1) are insignificant: not counted, not buffered.
        while (start < chunk.length && isXmlSpace(chunk.charCodeAt(start))) start += 1;
        if (start === chunk.length) return;
      }
      const gt = chunk.indexOf('>', start);
      const end = gt === -1 ? chunk.length : gt + 1;
      const piece = start === 0 && end === chunk.length ? chunk : chunk.slice(start, end);
      start = end;
      this.pendingBytes += Buffer.byteLength(piece, 'utf8');
      if (this.pendingBytes > this.limits.maxStanzaBytes) {
        this.fault('policy-violation', `stanza larger than ${this.limits.maxStanzaBytes} bytes`);
        return;
      }
      this.betweenElements = false;
      this.feed(piece);
    }
  }

  private writeFrame(frame: string): void {
    if (Buffer.byteLength(frame, 'utf8') > this.limits.maxStanzaBytes) {
      this.fault('policy-violation', `frame larger than ${this.limits.maxStanzaBytes} bytes`);
      return;
    }
    this.frameElements = [];
    this.feed(frame);
    if (this.failed) return;
    const [element, ...extra] = this.frameElements;
    this.frameElements = [];
    if (this.depth !== 1 || !element || extra.length > 0) {
      // RFC 7395 §3.3.3: every frame holds exactly one complete element;
      // nothing from an invalid frame is handled.
      this.fault('not-well-formed', 'a WebSocket frame must hold exactly one complete XML element');
      return;
    }
    if (element.name === 'open') this.handlers.onStreamOpen({ ...element.attrs });
    else if (element.name === 'close') this.handlers.onStreamClose();
    else this.handlers.onElement(element);
  }

  private feed(chunk: string): void {
    try {
      (this.parser ?? this.revive()).write(chunk);
    } catch (error) {
      // saxes throws from write() when no error handler consumed the error.
      if (!this.failed) this.fault('not-well-formed', error instanceof Error ? error.message : 'malformed XML');
    }
  }

  private openTag(tag: SaxesTagPlain): void {
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
    // RFC 6120 §4.8.1: the root is <stream> in the streams namespace, whatever its prefix.
    const colon = tag.name.indexOf(':');
    const prefix = colon === -1 ? undefined : tag.name.slice(0, colon);
    const localName = colon === -1 ? tag.name : tag.name.slice(colon + 1);
    const namespace = prefix === undefined ? tag.attributes.xmlns : tag.attributes[`xmlns:${prefix}`];
    if (localName !== 'stream' || namespace !== NS_STREAM) {
      this.fault('invalid-namespace', `the stream must open with <stream:stream xmlns:stream='${NS_STREAM}'>`);
      return;
    }
    this.pendingBytes = 0;
    this.betweenElements = true;
    this.rootOpen = `<${tag.name}>`;
    this.handlers.onStreamOpen({ ...tag.attributes });
  }

  private closeTag(): void {
    this.depth -= 1;
    if (this.depth === 0) {
      if (this.framing === 'stream') this.handlers.onStreamClose();
      return;
    }
    const element = this.stack.pop();
    if (!element || this.depth !== 1) return;
    element.parent = null;
    if (this.framing === 'websocket') {
      this.frameElements.push(element);
      return;
    }
    this.pendingBytes = 0;
    this.betweenElements = true;
    this.handlers.onElement(element);
  }

  private text(text: string): void {
    const current = this.stack[this.stack.length - 1];
    if (current) current.t(text);
    // Text between top-level elements is dropped; write() skips whitespace
    // there and counts anything else against the size limit.
  }

  private fault(fault: StreamFault, text: string): void {
    if (this.failed) return;
    this.failed = true;
    this.stack = [];
    this.frameElements = [];
    this.handlers.onFault(fault, text);
  }
}

/** XML's S production (space, tab, CR, LF). */
function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
