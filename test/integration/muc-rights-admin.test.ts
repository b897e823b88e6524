// The admin right from a client: a private room's creator lists, grants
// (preset or custom set, to an account, a group or a domain) and revokes
// rights with urn:causerie:rights:0; the change reaches occupants live;
// without the admin right every request is forbidden with a text. The
// muc#owner form: opened with rename or admin, the name changes with the
// rename right only, the description is not editable. Comments need the
// modify right, plain posts the write right.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/domain/actor.js';
import { startTestNode, TEST_DOMAIN } from '../helpers/start-node.js';
import type { TestNode } from '../helpers/start-node.js';
import { connectClient, xml } from '../helpers/xmpp-client.js';
import type { TestClient } from '../helpers/xmpp-client.js';
import { testDatabaseConfigs } from '../helpers/test-db.js';
import { condition, join, MUC_USER, next, SERVICE, statuses } from '../helpers/muc-client.js';
import type { Element } from '../helpers/muc-client.js';
import { ask, uid } from '../helpers/muc-features.js';

const NS = 'urn:causerie:rights:0';
const MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';
const MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
const ROOM = `plans@${SERVICE}`;
const errorText = (s: Element): string | undefined => s.getChild('error')?.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas') ?? undefined;

for (const db of testDatabaseConfigs()) {
  describe(`rights grants from a client (${db.name})`, () => {
    let node: TestNode;
    const c: Record<string, TestClient> = {};
    const jids: Record<string, string> = {};

    const rightsIq = (client: TestClient, type: 'get' | 'set', name: string, attrs: Record<string, string> = {}): Promise<Element> =>
      ask(client, xml('iq', { type, to: ROOM, id: uid('r') }, xml(name, { xmlns: NS, ...attrs })));
    const grants = async (client: TestClient): Promise<string[]> => {
      const answer = await rightsIq(client, 'get', 'grants');
      expect(answer.attrs.type).toBe('result');
      return (answer.getChild('grants', NS)?.getChildren('grant') ?? []).map((g) => `${g.attrs.scope} ${g.attrs.type} ${g.attrs.jid} [${g.attrs.rights}] ${g.attrs.preset ?? '-'}`).sort();
    };
    const form = (client: TestClient): Promise<Element> => ask(client, xml('iq', { type: 'get', to: ROOM, id: uid('f') }, xml('query', { xmlns: MUC_OWNER })));
    const fieldTypes = (answer: Element): Record<string, string> =>
      Object.fromEntries((answer.getChild('query', MUC_OWNER)?.getChild('x', 'jabber:x:data')?.getChildren('field') ?? []).map((f) => [f.attrs.var as string, f.attrs.type as string]));
    const submit = (client: TestClient, fields: Record<string, string>): Promise<Element> =>
      ask(
        client,
        xml('iq', { type: 'set', to: ROOM, id: uid('s') }, xml('query', { xmlns: MUC_OWNER }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }, xml('field', { var: 'FORM_TYPE' }, xml('value', {}, 'http://jabber.org/protocol/muc#roomconfig')), ...Object.entries(fields).map(([v, value]) => xml('field', { var: v }, xml('value', {}, value)))))),
      );

    beforeAll(async () => {
      node = await startTestNode({ database: await db.make() });
      for (const name of ['gina', 'hugo', 'ivy']) {
        jids[name] = (await node.createUser(name)).jid;
        c[name] = await connectClient(node, { username: name, password: `pw-${name}-secret` }, { resource: 'r' });
        await c[name].send(xml('presence'));
      }
      const domain = (await node.services.domains.list()).find((d) => d.name === TEST_DOMAIN);
      if (!domain) throw new Error('no domain');
      await node.services.policies.setDomainPolicy(SYSTEM_ACTOR, domain.id, { teamchat: true });
      await node.services.groups.create(SYSTEM_ACTOR, { domain: TEST_DOMAIN, name: 'Crew', alias: 'crew' });
      const gina = c.gina as TestClient;
      expect(statuses(await join(gina, ROOM, 'Gina'))).toContain('201');
      for (const member of ['hugo', 'ivy']) {
        await gina.iq(xml('iq', { type: 'set', to: ROOM }, xml('query', { xmlns: MUC_ADMIN }, xml('item', { affiliation: 'member', jid: jids[member] as string }))));
      }
      expect((await join(c.hugo as TestClient, ROOM, 'Hugo')).getChild('x', MUC_USER)?.getChild('item')?.attrs.role).toBe('participant');
    }, 60_000);

    afterAll(async () => {
      await Promise.all(Object.values(c).map((client) => client.stop()));
      await node?.close();
    });

    it('lets the creator grant a preset, a custom set, a group and a domain, list them and revoke; the room shows the feature', async () => {
      const gina = c.gina as TestClient;
      const hugo = c.hugo as TestClient;
      const info = await gina.iq(xml('iq', { type: 'get', to: ROOM }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      expect(info.getChild('query')?.getChildren('feature').map((f) => f.attrs.var)).toContain(NS);
      expect(await grants(gina)).toEqual([]);

      // Live: Hugo becomes a reader, so a visitor, as soon as it is granted.
      const demoted = next(hugo, (s) => s.name === 'presence' && s.attrs.from === `${ROOM}/Hugo` && s.attrs.type === undefined && statuses(s).includes('110'), 'new role');
      const seen = next(gina, (s) => s.name === 'presence' && s.attrs.from === `${ROOM}/Hugo` && s.attrs.type === undefined, 'role seen by others');
      expect((await rightsIq(gina, 'set', 'grant', { type: 'account', jid: jids.hugo as string, preset: 'reader' })).attrs.type).toBe('result');
      expect((await demoted).getChild('x', MUC_USER)?.getChild('item')?.attrs.role).toBe('visitor');
      expect((await seen).getChild('x', MUC_USER)?.getChild('item')?.attrs.role).toBe('visitor');

      expect((await rightsIq(gina, 'set', 'grant', { type: 'group', jid: `crew@${TEST_DOMAIN}`, rights: 'write' })).attrs.type).toBe('result');
      expect((await rightsIq(gina, 'set', 'grant', { type: 'domain', jid: TEST_DOMAIN, preset: 'reader' })).attrs.type).toBe('result');
      expect(await grants(gina)).toEqual([`room account ${jids.hugo} [read] reader`, `room domain ${TEST_DOMAIN} [read] reader`, `room group crew@${TEST_DOMAIN} [read write] -`].sort());

      expect((await rightsIq(gina, 'set', 'revoke', { type: 'domain', jid: TEST_DOMAIN })).attrs.type).toBe('result');
      expect(condition(await rightsIq(gina, 'set', 'revoke', { type: 'domain', jid: TEST_DOMAIN }))).toBe('item-not-found');
      expect(await grants(gina)).toHaveLength(2);
    });

    it('refuses bad requests with bad-request or item-not-found and a text', async () => {
      const gina = c.gina as TestClient;
      const cases: Array<[Record<string, string>, string]> = [
        [{ type: 'account', jid: jids.ivy as string, preset: 'boss' }, 'bad-request'],
        [{ type: 'account', jid: jids.ivy as string, rights: 'read fly' }, 'bad-request'],
        [{ type: 'account', jid: jids.ivy as string, rights: 'read', preset: 'reader' }, 'bad-request'],
        [{ type: 'account', jid: jids.ivy as string }, 'bad-request'],
        [{ jid: jids.ivy as string, preset: 'reader' }, 'bad-request'],
        [{ type: 'account', jid: `nobody@${TEST_DOMAIN}`, preset: 'reader' }, 'item-not-found'],
        [{ type: 'group', jid: `nogroup@${TEST_DOMAIN}`, preset: 'reader' }, 'item-not-found'],
      ];
      for (const [attrs, expected] of cases) {
        const answer = await rightsIq(gina, 'set', 'grant', attrs);
        expect([JSON.stringify(attrs), condition(answer)]).toEqual([JSON.stringify(attrs), expected]);
        expect(errorText(answer)).toBeTruthy();
      }
    });

    it('refuses every request without the admin right, with forbidden and a text; a granted admin may manage', async () => {
      const gina = c.gina as TestClient;
      const ivy = c.ivy as TestClient;
      for (const [type, name, attrs] of [
        ['get', 'grants', {}],
        ['set', 'grant', { type: 'account', jid: jids.ivy as string, preset: 'administrator' }],
        ['set', 'revoke', { type: 'account', jid: jids.hugo as string }],
        ['set', 'grant', { type: 'account', jid: `nobody@${TEST_DOMAIN}`, preset: 'reader' }],
      ] as const) {
        const answer = await rightsIq(ivy, type, name, attrs);
        expect(condition(answer)).toBe('forbidden');
        expect(errorText(answer)).toMatch(/admin right/);
      }
      await rightsIq(gina, 'set', 'grant', { type: 'account', jid: jids.ivy as string, preset: 'administrator' });
      expect(await grants(ivy)).toContain(`room account ${jids.ivy} [read write modify delete rename invite admin] administrator`);
      expect((await rightsIq(ivy, 'set', 'revoke', { type: 'account', jid: jids.ivy as string })).attrs.type).toBe('result');
      expect(condition(await rightsIq(ivy, 'get', 'grants'))).toBe('forbidden');
    });

    it('gates the owner form: rename or admin opens it, only rename changes the name, the description is read-only', async () => {
      const gina = c.gina as TestClient;
      const hugo = c.hugo as TestClient;
      const ivy = c.ivy as TestClient;
      // Ivy is an Author (no grant): no form, no submit.
      const denied = await form(ivy);
      expect(condition(denied)).toBe('forbidden');
      expect(errorText(denied)).toBeTruthy();
      expect(condition(await submit(ivy, { 'muc#roomconfig_roomname': 'Ivy’s' }))).toBe('forbidden');

      await rightsIq(gina, 'set', 'grant', { type: 'account', jid: jids.hugo as string, rights: 'read rename' });
      expect(fieldTypes(await form(hugo))).toMatchObject({ 'muc#roomconfig_roomname': 'text-single', 'muc#roomconfig_roomdesc': 'fixed' });
      expect((await submit(hugo, { 'muc#roomconfig_roomname': 'Plans 2027' })).attrs.type).toBe('result');
      expect((await node.services.rooms.getByJid('plans', SERVICE))?.name).toBe('Plans 2027');
      const description = await submit(hugo, { 'muc#roomconfig_roomname': 'Plans 2027', 'muc#roomconfig_roomdesc': 'Everything' });
      expect(condition(description)).toBe('not-allowed');
      expect(errorText(description)).toMatch(/description/);
      // The rename right does not manage rights.
      expect(condition(await rightsIq(hugo, 'get', 'grants'))).toBe('forbidden');

      await rightsIq(gina, 'set', 'grant', { type: 'account', jid: jids.ivy as string, rights: 'read admin' });
      expect(fieldTypes(await form(ivy))).toMatchObject({ 'muc#roomconfig_roomname': 'fixed' });
      const rename = await submit(ivy, { 'muc#roomconfig_roomname': 'Ivy’s plans' });
      expect(condition(rename)).toBe('forbidden');
      expect(errorText(rename)).toMatch(/rename right/);
    });

    it('makes comments (XEP-0201 thread messages) the modify right and plain posts the write right', async () => {
      const gina = c.gina as TestClient;
      const hugo = c.hugo as TestClient;
      let count = 0;
      const send = async (thread: boolean): Promise<Element> => {
        count += 1;
        const id = `comment-${count}`;
        const answer = next(hugo, (s) => s.name === 'message' && s.attrs.id === id, `message ${id}`);
        await hugo.send(xml('message', { to: ROOM, type: 'groupchat', id }, xml('body', {}, thread ? 'On the first point' : 'A new point'), ...(thread ? [xml('thread', { parent: 'th-1' }, 'th-1')] : [])));
        // Hugo gets either the room's copy (posted) or the error.
        return answer;
      };
      await rightsIq(gina, 'set', 'grant', { type: 'account', jid: jids.hugo as string, rights: 'read write' });
      expect((await send(false)).attrs.type).toBe('groupchat');
      const comment = await send(true);
      expect(condition(comment)).toBe('forbidden');
      expect(errorText(comment)).toMatch(/modify right to comment/);

      await rightsIq(gina, 'set', 'grant', { type: 'account', jid: jids.hugo as string, rights: 'read modify' });
      expect((await send(true)).attrs.type).toBe('groupchat');
      const post = await send(false);
      expect(condition(post)).toBe('forbidden');
      expect(errorText(post)).toMatch(/write right to post/);
    });
  });
}
