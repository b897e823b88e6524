import { describe, expect, it } from 'vitest';
import { StanzaScanner } from './stanza-scanner.js';

function collect(): { scanner: StanzaScanner; events: string[] } {
  const events: string[] = [];
  const scanner = new StanzaScanner({
    streamOpened: (h) => events.push(`open:${h}`),
    element: (x) => events.push(x),
    streamClosed: () => events.push('close'),
  });
  return { scanner, events };
}

const HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='1' version='1.0'>`;

describe('StanzaScanner', () => {
  it('splits the header, nested stanzas, self-closing elements and the close tag', () => {
    const { scanner, events } = collect();
    scanner.push(`${HEADER}<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features><proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>`);
    expect(events).toEqual([
      expect.stringMatching(/^open:<stream:stream /),
      `<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>`,
      `<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`,
      'close',
    ]);
  });

  it('reassembles elements cut at any byte', () => {
    const msg = `<message to='a@b/c' type='chat'><body>1.5 c:0 &lt;x&gt;</body></message>`;
    const input = `${HEADER}${msg}<iq type='result' id='x'/>${msg}`;
    for (let cut = 1; cut < input.length; cut += 7) {
      const { scanner, events } = collect();
      scanner.push(input.slice(0, cut));
      scanner.push(input.slice(cut));
      expect(events.slice(1)).toEqual([msg, `<iq type='result' id='x'/>`, msg]);
    }
  });

  it('ignores ">" inside attribute values and skips comments and CDATA', () => {
    const { scanner, events } = collect();
    scanner.push(`${HEADER}<message id="a>b"><!-- <x> --><body><![CDATA[<not-a-tag>]]></body></message>`);
    expect(events[1]).toBe(`<message id="a>b"><!-- <x> --><body><![CDATA[<not-a-tag>]]></body></message>`);
  });

  it('starts over after reset (stream restart)', () => {
    const { scanner, events } = collect();
    scanner.push(`${HEADER}<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>`);
    scanner.reset();
    scanner.push(`${HEADER}<stream:features/>`);
    expect(events.filter((e) => e.startsWith('open:'))).toHaveLength(2);
    expect(events.at(-1)).toBe('<stream:features/>');
  });
});
