// Unit tests for the incremental XML stream parser: both framings, chunking,
// limits and the RFC 6120 §11 restrictions.

import { StringDecoder } from 'node:string_decoder';
import { describe, expect, it } from 'vitest';
import { XmlStreamParser } from './xml-stream.js';
import type { Framing, StreamFault, XmlStreamLimits } from './xml-stream.js';
import type { Element } from '../stanza.js';

type StreamEvent =
  | { kind: 'open'; attrs: Record<string, string> }
  | { kind: 'element'; element: Element }
  | { kind: 'close' }
  | { kind: 'fault'; fault: StreamFault; text: string };

const LIMITS: XmlStreamLimits = { maxStanzaBytes: 64 * 1024, maxDepth: 16 };

function collect(framing: Framing, limits: XmlStreamLimits = LIMITS): { parser: XmlStreamParser; events: StreamEvent[]; elements: () => Element[]; faults: () => StreamFault[] } {
  const events: StreamEvent[] = [];
  const parser = new XmlStreamParser(framing, limits, {
    onStreamOpen: (attrs) => events.push({ kind: 'open', attrs }),
    onElement: (element) => events.push({ kind: 'element', element }),
    onStreamClose: () => events.push({ kind: 'close' }),
    onFault: (fault, text) => events.push({ kind: 'fault', fault, text }),
  });
  return {
    parser,
    events,
    elements: () => events.flatMap((e) => (e.kind === 'element' ? [e.element] : [])),
    faults: () => events.flatMap((e) => (e.kind === 'fault' ? [e.fault] : [])),
  };
}

/** A structural dump (names, attributes, every child node in order) to compare parses exactly. */
function dump(element: Element): unknown {
  return { name: element.name, attrs: { ...element.attrs }, children: element.children.map((c) => (typeof c === 'string' ? c : dump(c))) };
}

function dumpEvents(events: StreamEvent[]): unknown[] {
  return events.map((e) => (e.kind === 'element' ? { kind: 'element', element: dump(e.element) } : e));
}

const HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.org' version='1.0' xml:lang='fr'>`;

/** Fits under the small size limits used below (the header counts against the limit too). */
const SHORT_HEADER = `<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>`;

const BODY_TEXT = 'Crème brûlée 🍮 — 日本語 & <tags> 😀';
const SAMPLE =
  HEADER +
  ' \n' +
  `<message to='bob@example.org' type='chat' id='m1'><body>Crème brûlée 🍮 — 日本語 &amp; &lt;tags&gt; &#x1F600;</body>` +
  `<x:thing xmlns:x='urn:example:x' x:attr='v&apos;1'/><data xmlns="urn:example:data">a &gt; b</data></message>\n` +
  `<iq type='get' id='i1'><query xmlns='jabber:iq:roster'/></iq>\t ` +
  `<presence><show>away</show><status>quote &quot;q&quot; in 'text'</status></presence>` +
  `<message id='m2'><body><![CDATA[<raw> & stuff]]></body></message>` +
  ' '.repeat(3) +
  `</stream:stream>`;

describe('XmlStreamParser, stream framing', () => {
  it('reports the stream header attributes and the closing tag', () => {
    const { parser, events } = collect('stream');
    parser.write(HEADER);
    parser.write('</stream:stream>');
    expect(events).toEqual([
      { kind: 'open', attrs: { xmlns: 'jabber:client', 'xmlns:stream': 'http://etherx.jabber.org/streams', to: 'example.org', version: '1.0', 'xml:lang': 'fr' } },
      { kind: 'close' },
    ]);
  });

  it('builds stanzas as ltx elements with text, attributes, nesting, namespaces and prefixes', () => {
    const { parser, events, elements } = collect('stream');
    parser.write(SAMPLE);
    expect(events.map((e) => e.kind)).toEqual(['open', 'element', 'element', 'element', 'element', 'close']);
    const [message, iq, presence, cdata] = elements() as [Element, Element, Element, Element];

    expect(message.name).toBe('message');
    expect(message.attrs).toEqual({ to: 'bob@example.org', type: 'chat', id: 'm1' });
    expect(message.parent).toBeNull();
    expect(message.getChildText('body')).toBe(BODY_TEXT);
    const thing = message.getChildElements()[1] as Element;
    expect(thing.name).toBe('x:thing');
    expect(thing.getName()).toBe('thing');
    expect(thing.getNS()).toBe('urn:example:x');
    expect(thing.attrs['x:attr']).toBe("v'1");
    expect(message.getChild('data', 'urn:example:data')?.getText()).toBe('a > b');
    expect(thing.parent).toBe(message);

    expect(iq.attrs).toEqual({ type: 'get', id: 'i1' });
    expect(iq.getChild('query', 'jabber:iq:roster')).toBeDefined();
    expect(presence.getChildText('show')).toBe('away');
    expect(presence.getChildText('status')).toBe(`quote "q" in 'text'`);
    expect(cdata.getChildText('body')).toBe('<raw> & stuff');
  });

  it('gives the same result whatever the chunking (every code point, every byte boundary, random splits)', () => {
    const whole = collect('stream');
    whole.parser.write(SAMPLE);
    const expected = dumpEvents(whole.events);
    expect(whole.faults()).toEqual([]);

    // One code point per write, as a UTF-8 decoding transport delivers at worst.
    const perChar = collect('stream');
    for (const char of SAMPLE) perChar.parser.write(char);
    expect(dumpEvents(perChar.events)).toEqual(expected);

    // One UTF-16 code unit per write (surrogate pairs split between writes).
    const perUnit = collect('stream');
    for (let i = 0; i < SAMPLE.length; i++) perUnit.parser.write(SAMPLE[i] as string);
    expect(dumpEvents(perUnit.events)).toEqual(expected);

    // Two chunks cut at every byte boundary, decoded the way the TCP transport does.
    const bytes = Buffer.from(SAMPLE, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const split = collect('stream');
      const decoder = new StringDecoder('utf8');
      for (const part of [bytes.subarray(0, cut), bytes.subarray(cut)]) {
        const text = decoder.write(part);
        if (text) split.parser.write(text);
      }
      expect(dumpEvents(split.events)).toEqual(expected);
    }

    // One byte per write through the decoder.
    const perByte = collect('stream');
    const decoder = new StringDecoder('utf8');
    for (const byte of bytes) {
      const text = decoder.write(Buffer.from([byte]));
      if (text) perByte.parser.write(text);
    }
    expect(dumpEvents(perByte.events)).toEqual(expected);

    // Random splits with a fixed seed so failures reproduce.
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const chars = [...SAMPLE];
    for (let round = 0; round < 50; round++) {
      const run = collect('stream');
      let i = 0;
      while (i < chars.length) {
        const size = 1 + Math.floor(random() * 40);
        run.parser.write(chars.slice(i, i + size).join(''));
        i += size;
      }
      expect(dumpEvents(run.events)).toEqual(expected);
    }
  });

  it('ignores whitespace keep-alives between stanzas, however many', () => {
    const { parser, elements, faults } = collect('stream', { maxStanzaBytes: 100, maxDepth: 4 });
    parser.write(SHORT_HEADER);
    parser.write('<presence/>');
    for (let i = 0; i < 1000; i++) parser.write(i % 2 === 0 ? ' ' : '\n');
    parser.write('<message id="after"/>');
    expect(faults()).toEqual([]);
    expect(elements().map((e) => e.toString())).toEqual(['<presence/>', '<message id="after"/>']);
  });

  it('restarts the stream on reset()', () => {
    const { parser, events, elements } = collect('stream');
    parser.write(HEADER + '<auth/>');
    parser.reset();
    parser.write(`<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.org' version='1.0' id='second'>`);
    parser.write('<iq type="set" id="b"><bind/></iq>');
    expect(events.filter((e) => e.kind === 'open')).toHaveLength(2);
    expect(events.filter((e) => e.kind === 'fault')).toEqual([]);
    expect(elements().map((e) => e.name)).toEqual(['auth', 'iq']);
  });

  it('parses the rest of a chunk as the new stream when a handler restarts it', () => {
    const events: string[] = [];
    const parser: XmlStreamParser = new XmlStreamParser('stream', LIMITS, {
      onStreamOpen: (attrs) => events.push(`open ${attrs.id ?? ''}`),
      onElement: (element) => {
        events.push(`element ${element.name}`);
        if (element.name === 'success') parser.reset();
      },
      onStreamClose: () => events.push('close'),
      onFault: (fault) => events.push(`fault ${fault}`),
    });
    parser.write(
      `${HEADER}<success/><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='2' version='1.0'><iq id='x' type='get'><ping/></iq>`,
    );
    parser.write('<presence/>');
    parser.write('<message/></stream:stream>');
    expect(events).toEqual(['open ', 'element success', 'open 2', 'element iq', 'element presence', 'element message', 'close']);
  });

  describe('faults', () => {
    function faultOf(...chunks: string[]): { fault: StreamFault | undefined; count: number; elements: number } {
      const run = collect('stream', { maxStanzaBytes: 1000, maxDepth: 4 });
      for (const chunk of chunks) run.parser.write(chunk);
      return { fault: run.faults()[0], count: run.faults().length, elements: run.elements().length };
    }

    it('reports malformed XML as not-well-formed', () => {
      expect(faultOf(HEADER, '<message><body></message>').fault).toBe('not-well-formed');
      expect(faultOf(HEADER, '<message to="a" to="b"/>').fault).toBe('not-well-formed');
      expect(faultOf(HEADER, '<message><</message>').fault).toBe('not-well-formed');
      expect(faultOf(HEADER, '</stream:stream>', '<message/>').fault).toBe('not-well-formed');
      expect(faultOf(HEADER, '<message>\u0001</message>').fault).toBe('not-well-formed');
    });

    it('reports DOCTYPE, comments, processing instructions and undefined entities as restricted-xml', () => {
      expect(faultOf(`<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY x "y">]>`).fault).toBe('restricted-xml');
      expect(faultOf(HEADER, '<!-- hello -->').fault).toBe('restricted-xml');
      expect(faultOf(HEADER, '<message><!-- inside --></message>').fault).toBe('restricted-xml');
      expect(faultOf(HEADER, '<?php echo 1; ?>').fault).toBe('restricted-xml');
      expect(faultOf(HEADER, '<message><body>&lol;</body></message>').fault).toBe('restricted-xml');
    });

    it('accepts the five predefined entities and character references', () => {
      const run = collect('stream');
      run.parser.write(`${HEADER}<message><body>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;</body></message>`);
      expect(run.faults()).toEqual([]);
      expect(run.elements()[0]?.getChildText('body')).toBe(`<>&"'AB`);
    });

    it('reports a root other than <stream:stream> in the streams namespace as invalid-namespace', () => {
      expect(faultOf(`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`).fault).toBeUndefined();
      expect(faultOf(`<html xmlns='http://www.w3.org/1999/xhtml'>`).fault).toBe('invalid-namespace');
      expect(faultOf(`<stream:foo xmlns:stream='http://etherx.jabber.org/streams'>`).fault).toBe('invalid-namespace');
      expect(faultOf(`<stream:stream xmlns='jabber:client' xmlns:stream='urn:wrong' version='1.0'>`).fault).toBe('invalid-namespace');
      expect(faultOf(`<stream:stream xmlns='jabber:client' version='1.0'>`).fault).toBe('invalid-namespace');
      expect(faultOf(`<stream xmlns='jabber:client' version='1.0'>`).fault).toBe('invalid-namespace');
    });

    it('reports a stanza nested deeper than maxDepth as policy-violation', () => {
      expect(faultOf(HEADER, '<a><b><c><d/></c></b></a>')).toEqual({ fault: undefined, count: 0, elements: 1 });
      expect(faultOf(HEADER, '<a><b><c><d><e/></d></c></b></a>')).toEqual({ fault: 'policy-violation', count: 1, elements: 0 });
    });

    it('enforces the stanza size limit in bytes, however the stanza is chunked', () => {
      const limits = { maxStanzaBytes: 100, maxDepth: 4 };
      const exact = `<message><body>${'x'.repeat(100 - '<message><body></body></message>'.length)}</body></message>`;
      expect(Buffer.byteLength(exact)).toBe(100);
      const over = `<message><body>${'x'.repeat(101 - '<message><body></body></message>'.length)}</body></message>`;
      const multiByte = `<message><body>${'é'.repeat(40)}</body></message>`; // 71 characters, 111 bytes

      for (const [stanza, fault] of [[exact, undefined], [over, 'policy-violation'], [multiByte, 'policy-violation']] as const) {
        // Whole stanza in one write, with the header, and after the header.
        for (const chunks of [[SHORT_HEADER + stanza], [SHORT_HEADER, stanza], [SHORT_HEADER, ' ', stanza.slice(0, 50), stanza.slice(50)], [SHORT_HEADER, '<a/>\n' + stanza], [SHORT_HEADER, ...stanza]]) {
          const run = collect('stream', limits);
          for (const chunk of chunks) run.parser.write(chunk);
          expect(run.faults(), `${stanza.length} chars in ${chunks.length} chunks`).toEqual(fault ? [fault] : []);
          expect(run.elements().filter((e) => e.name === 'message')).toHaveLength(fault ? 0 : 1);
        }
      }
    });

    it('counts each stanza on its own: many small stanzas in one write are fine', () => {
      const run = collect('stream', { maxStanzaBytes: 100, maxDepth: 4 });
      run.parser.write(SHORT_HEADER + `<message><body>${'x'.repeat(60)}</body></message>`.repeat(20));
      expect(run.faults()).toEqual([]);
      expect(run.elements()).toHaveLength(20);
    });

    it('bounds text between stanzas', () => {
      const run = collect('stream', { maxStanzaBytes: 100, maxDepth: 4 });
      run.parser.write(SHORT_HEADER);
      for (let i = 0; i < 20; i++) run.parser.write('garbage!!');
      expect(run.faults()).toEqual(['policy-violation']);
    });

    it('bounds an oversized stream header', () => {
      const run = collect('stream', { maxStanzaBytes: 100, maxDepth: 4 });
      run.parser.write(`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' `);
      for (let i = 0; i < 20; i++) run.parser.write(`a${i}='${'v'.repeat(10)}' `);
      expect(run.faults()).toEqual(['policy-violation']);
      expect(run.events.filter((e) => e.kind === 'open')).toEqual([]);
      expect(Buffer.byteLength(HEADER)).toBeGreaterThan(100);
      const whole = collect('stream', { maxStanzaBytes: 100, maxDepth: 4 });
      whole.parser.write(HEADER);
      expect(whole.faults()).toEqual(['policy-violation']);
    });

    it('reports one fault only and ignores everything after it', () => {
      const run = collect('stream');
      run.parser.write(HEADER + '<a><b></a>');
      run.parser.write('<message/><!-- more -->');
      run.parser.reset();
      run.parser.write(HEADER + '<message/>');
      expect(run.faults()).toEqual(['not-well-formed']);
      expect(run.elements()).toEqual([]);
      expect(run.parser.isFailed).toBe(true);
    });
  });

  it('hands further events to new handlers after setHandlers()', () => {
    const first = collect('stream');
    first.parser.write(HEADER + '<a/>');
    const moved: string[] = [];
    first.parser.setHandlers({
      onStreamOpen: () => moved.push('open'),
      onElement: (element) => moved.push(element.name),
      onStreamClose: () => moved.push('close'),
      onFault: (fault) => moved.push(fault),
    });
    first.parser.write('<b/></stream:stream>');
    expect(first.elements().map((e) => e.name)).toEqual(['a']);
    expect(moved).toEqual(['b', 'close']);
  });
});

describe('XmlStreamParser, WebSocket framing (RFC 7395)', () => {
  const OPEN = `<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.org' version='1.0'/>`;

  it('reports <open/> and <close/> frames as stream open and close', () => {
    const { parser, events } = collect('websocket');
    parser.write(OPEN);
    parser.write(`<message xmlns='jabber:client' to='bob@example.org'><body>héllo 🍮</body></message>`);
    parser.write(`<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>`);
    expect(events.map((e) => e.kind)).toEqual(['open', 'element', 'close']);
    expect(events[0]).toEqual({ kind: 'open', attrs: { xmlns: 'urn:ietf:params:xml:ns:xmpp-framing', to: 'example.org', version: '1.0' } });
    const message = (events[1] as { element: Element }).element;
    expect(message.attrs).toEqual({ xmlns: 'jabber:client', to: 'bob@example.org' });
    expect(message.getChildText('body')).toBe('héllo 🍮');
    expect(message.parent).toBeNull();
  });

  it('accepts a new <open/> after a restart and many frames in a row', () => {
    const { parser, events, faults } = collect('websocket');
    parser.write(OPEN);
    for (let i = 0; i < 50; i++) parser.write(`<iq type='get' id='q${i}'><ping xmlns='urn:xmpp:ping'/></iq>`);
    parser.write(OPEN);
    parser.write(' <presence/>\n');
    expect(faults()).toEqual([]);
    expect(events.filter((e) => e.kind === 'open')).toHaveLength(2);
    expect(events.filter((e) => e.kind === 'element')).toHaveLength(51);
  });

  it('refuses a frame holding two elements, without handling either', () => {
    const { parser, elements, faults } = collect('websocket');
    parser.write(OPEN);
    parser.write('<message id="1"/><message id="2"/>');
    expect(faults()).toEqual(['not-well-formed']);
    expect(elements()).toEqual([]);
  });

  it('refuses a frame holding a partial element', () => {
    for (const frame of ['<message><body>hi</body>', '<message', '</message>', '<message/><iq>', 'text only', '']) {
      const { parser, elements, faults } = collect('websocket');
      parser.write(OPEN);
      parser.write(frame);
      parser.write('<presence/>');
      expect(faults(), JSON.stringify(frame)).toEqual(['not-well-formed']);
      expect(elements()).toEqual([]);
    }
  });

  it('refuses a frame that closes the synthetic root', () => {
    const { parser, faults } = collect('websocket');
    parser.write('</frames>');
    expect(faults()).toEqual(['not-well-formed']);
  });

  it('applies the restrictions and limits inside frames', () => {
    const cases: Array<[string, StreamFault]> = [
      ['<message><!-- c --></message>', 'restricted-xml'],
      ['<message><body>&xxe;</body></message>', 'restricted-xml'],
      ['<?pi x?>', 'restricted-xml'],
      ['<!DOCTYPE x>', 'not-well-formed'],
      [`<message><body>${'x'.repeat(200)}</body></message>`, 'policy-violation'],
      ['<a><b><c><d><e/></d></c></b></a>', 'policy-violation'],
    ];
    for (const [frame, fault] of cases) {
      const { parser, faults, elements } = collect('websocket', { maxStanzaBytes: 100, maxDepth: 4 });
      parser.write(frame);
      expect(faults(), frame.slice(0, 40)).toEqual([fault]);
      expect(elements()).toEqual([]);
    }
  });

  it('counts frame size in bytes', () => {
    const frame = `<message><body>${'é'.repeat(40)}</body></message>`;
    const { parser, faults } = collect('websocket', { maxStanzaBytes: 100, maxDepth: 4 });
    parser.write(frame);
    expect(faults()).toEqual(['policy-violation']);
  });
});

describe('XmlStreamParser, releasing the parser of an idle stream', () => {
  it('goes on parsing elements, faults and the closing tag after a release (stream framing)', () => {
    const { parser, events, elements, faults } = collect('stream');
    parser.write(HEADER + `<presence/>`);
    expect(parser.release()).toBe(true);
    expect(parser.release()).toBe(false);
    parser.write(`<message id='after'><body>encore</body></message>`);
    expect(parser.release()).toBe(true);
    parser.write(`</stream:stream>`);
    expect(elements().map((e) => e.attrs.id ?? e.name)).toEqual(['presence', 'after']);
    expect(elements()[1]?.getChildText('body')).toBe('encore');
    expect(events.at(-1)).toEqual({ kind: 'close' });
    expect(faults()).toEqual([]);
  });

  it('still refuses a wrong closing tag and comments after a release', () => {
    const wrongClose = collect('stream');
    wrongClose.parser.write(HEADER);
    expect(wrongClose.parser.release()).toBe(true);
    wrongClose.parser.write(`</stream:other>`);
    expect(wrongClose.faults()).toEqual(['not-well-formed']);

    const comment = collect('stream');
    comment.parser.write(HEADER);
    expect(comment.parser.release()).toBe(true);
    comment.parser.write(`<!-- hidden -->`);
    expect(comment.faults()).toEqual(['restricted-xml']);
  });

  it('keeps the parser while an element is half received', () => {
    const { parser, elements } = collect('stream');
    parser.write(HEADER + `<message id='split'><body>moi`);
    expect(parser.release()).toBe(false);
    parser.write(`tié</body></message>`);
    expect(elements()[0]?.getChildText('body')).toBe('moitié');
  });

  it('does not release before the stream is open or after a fault', () => {
    const fresh = collect('stream');
    expect(fresh.parser.release()).toBe(false);
    fresh.parser.write(HEADER + `<a></b>`);
    expect(fresh.faults()).toEqual(['not-well-formed']);
    expect(fresh.parser.release()).toBe(false);
  });

  it('rebuilds the synthetic root of WebSocket framing', () => {
    const { parser, elements, events, faults } = collect('websocket');
    parser.write(`<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.org' version='1.0'/>`);
    expect(parser.release()).toBe(true);
    parser.write(`<message xmlns='jabber:client' id='ws'><body>salut</body></message>`);
    expect(parser.release()).toBe(true);
    parser.write(`<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>`);
    expect(elements().map((e) => e.attrs.id)).toEqual(['ws']);
    expect(events.at(-1)).toEqual({ kind: 'close' });
    expect(faults()).toEqual([]);
  });
});
