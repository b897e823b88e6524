// A test client that advertises XEP-0115 entity caps with `<node>+notify`
// features (XEP-0163 filtered notifications), answers the server's
// disco#info about them, and resolves once the server has learned them: the
// only way to receive PEP notifications such as XEP-0402 bookmark pushes.

import type { Element } from 'ltx';
import { capsOf } from '../../server/modules/caps/index.js';
import { capsVer, parseDiscoInfo } from '../../server/modules/caps/verification.js';
import { eventually } from './eventually.js';
import { TEST_DOMAIN } from './start-node.js';
import type { TestNode } from './start-node.js';
import { connectClient, xml } from './xmpp-client.js';
import type { TestClient } from './xmpp-client.js';

const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
const CAPS_NODE = 'https://causerie.test/pep-test-client';

type IqCallee = { get(ns: string, name: string, handler: (ctx: { element: Element }) => Element): void };

/** Connects, answers disco#info with `features`, sends presence with caps and waits until the server resolved them. */
export async function withCaps(node: TestNode, name: string, resource: string, notify: string[]): Promise<TestClient> {
  const client = await connectClient(node, { username: name, password: `pw-${name}-secret` }, { resource });
  const features = [NS_DISCO_INFO, 'http://jabber.org/protocol/caps', ...notify.map((n) => `${n}+notify`)];
  const build = (queryNode?: string): Element =>
    xml(
      'query',
      { xmlns: NS_DISCO_INFO, node: queryNode },
      xml('identity', { category: 'client', type: 'pc', name: 'causerie pep test' }),
      ...features.map((f) => xml('feature', { var: f })),
    );
  const ver = capsVer(parseDiscoInfo(build()), 'sha-1') ?? '';
  (client.xmpp as unknown as { iqCallee: IqCallee }).iqCallee.get(NS_DISCO_INFO, 'query', ({ element }) => build(element.attrs.node));
  await client.send(xml('presence', {}, xml('c', { xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: CAPS_NODE, ver })));
  const session = node.node.sessions.get(`${name}@${TEST_DOMAIN}`, resource);
  if (!session) throw new Error('no session');
  await eventually(() => {
    if (!capsOf(node.node).features(session)) throw new Error('caps not resolved yet');
  }, 10_000);
  return client;
}
