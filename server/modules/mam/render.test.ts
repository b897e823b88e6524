import { describe, expect, it } from 'vitest';
import type { ArchivedMessage } from '../../store/types.js';
import { NS_DELAY, NS_FORWARD, NS_MAM, NS_RSM } from '../../xmpp/namespaces.js';
import { finElement, resultMessage } from './render.js';

const archived = (stanzaId: string, stanza = "<message from='a@x/r' to='b@x' type='chat'><body>hi &amp; bye</body></message>"): ArchivedMessage => ({
  id: 1,
  owner: { kind: 'user', accountId: 1 },
  stanzaId,
  originId: null,
  withJid: 'a@x',
  fromJid: 'a@x/r',
  senderAccountId: null,
  senderName: null,
  body: 'hi',
  stanza,
  timestamp: new Date('2024-01-01T10:00:00.250Z'),
  retracted: false,
});

describe('MAM rendering', () => {
  it('wraps the stored stanza in result/forwarded with a delay stamp', () => {
    const message = resultMessage(archived('s1'), { from: 'b@x', to: 'b@x/r' }, 'q1');
    const result = message?.getChild('result', NS_MAM);
    expect(message?.attrs).toMatchObject({ from: 'b@x', to: 'b@x/r' });
    expect(result?.attrs).toMatchObject({ queryid: 'q1', id: 's1' });
    const forwarded = result?.getChild('forwarded', NS_FORWARD);
    expect(forwarded?.getChild('delay', NS_DELAY)?.attrs.stamp).toBe('2024-01-01T10:00:00.250Z');
    const original = forwarded?.getChild('message');
    expect(original?.attrs.xmlns).toBe('jabber:client');
    expect(original?.getChildText('body')).toBe('hi & bye');
  });

  it('omits queryid when the query had none and skips unreadable rows', () => {
    expect(resultMessage(archived('s1'), { from: 'b@x', to: 'b@x/r' }, undefined)?.toString()).not.toContain('queryid');
    expect(resultMessage(archived('s2', '<broken'), { from: 'b@x', to: 'b@x/r' }, 'q')).toBeUndefined();
  });

  it('closes with fin complete=true|false and the RSM set', () => {
    const fin = finElement({ messages: [archived('s1'), archived('s2')], complete: false, count: 9, firstIndex: 0 });
    expect(fin.toString()).toBe(`<fin xmlns="${NS_MAM}" complete="false"><set xmlns="${NS_RSM}"><first index="0">s1</first><last>s2</last><count>9</count></set></fin>`);
    expect(finElement({ messages: [], complete: true, count: 0 }).toString()).toBe(`<fin xmlns="${NS_MAM}" complete="true"><set xmlns="${NS_RSM}"><count>0</count></set></fin>`);
  });
});
