// Cheap incremental splitter for an XMPP TCP stream: finds the stream header and
// every top-level element (stanza or nonza) without building a DOM.
// RFC 6120 §4 (XML streams) — https://www.rfc-editor.org/rfc/rfc6120#section-4
// The load generator must stay far cheaper than the servers it measures, so this
// only tracks element depth; callers look inside a stanza with string searches.

export interface ScannerSink {
  streamOpened(header: string): void;
  element(xml: string): void;
  streamClosed(): void;
}

/** Splits a character stream into the stream header, top-level elements and the close tag. */
export class StanzaScanner {
  private buf = '';
  private pos = 0;
  private depth = 0;
  private start = -1;
  private readonly sink: ScannerSink;

  constructor(sink: ScannerSink) {
    this.sink = sink;
  }

  /** Forgets everything: used after STARTTLS and SASL success (stream restart). */
  reset(): void {
    this.buf = '';
    this.pos = 0;
    this.depth = 0;
    this.start = -1;
  }

  push(chunk: string): void {
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    for (;;) {
      const lt = this.buf.indexOf('<', this.pos);
      if (lt < 0) {
        this.pos = this.buf.length;
        break;
      }
      const end = this.findTagEnd(lt);
      if (end < 0) {
        this.pos = lt;
        break;
      }
      this.pos = end + 1;
      this.handleTag(lt, end);
      // A handler may have reset the scanner (stream restart) and dropped the buffer.
      if (this.buf.length === 0) return;
    }
    this.compact();
  }

  private handleTag(lt: number, end: number): void {
    const second = this.buf.charCodeAt(lt + 1);
    if (second === 0x3f /* ? */ || second === 0x21 /* ! */) return;
    if (second === 0x2f /* / */) {
      this.depth -= 1;
      if (this.depth === 1 && this.start >= 0) {
        const xml = this.buf.slice(this.start, end + 1);
        this.start = -1;
        this.sink.element(xml);
      } else if (this.depth <= 0) {
        this.depth = 0;
        this.sink.streamClosed();
      }
      return;
    }
    const selfClosing = this.buf.charCodeAt(end - 1) === 0x2f;
    if (this.depth === 0) {
      this.depth = 1;
      this.sink.streamOpened(this.buf.slice(lt, end + 1));
      return;
    }
    if (this.depth === 1) {
      if (selfClosing) {
        this.sink.element(this.buf.slice(lt, end + 1));
        return;
      }
      this.start = lt;
    }
    if (!selfClosing) this.depth += 1;
  }

  /** Index of the `>` closing the markup that starts at `lt`, or -1 if incomplete. */
  private findTagEnd(lt: number): number {
    const b = this.buf;
    if (b.startsWith('<!--', lt)) {
      const i = b.indexOf('-->', lt + 4);
      return i < 0 ? -1 : i + 2;
    }
    if (b.startsWith('<![CDATA[', lt)) {
      const i = b.indexOf(']]>', lt + 9);
      return i < 0 ? -1 : i + 2;
    }
    let quote = 0;
    for (let i = lt + 1; i < b.length; i += 1) {
      const c = b.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) {
        quote = c;
      } else if (c === 0x3e) {
        return i;
      }
    }
    return -1;
  }

  /** Drops consumed text so the buffer does not grow with the stream. */
  private compact(): void {
    const keepFrom = this.start >= 0 ? this.start : this.pos;
    if (keepFrom === 0) return;
    this.buf = this.buf.slice(keepFrom);
    this.pos -= keepFrom;
    if (this.start >= 0) this.start = 0;
  }
}
