import { describe, expect, it } from 'vitest';
import { parse } from 'ltx';
import { applyConfigFields, DEFAULT_NODE_CONFIG, meetsPreconditions, PEP_MAX_ITEMS, readPublishOptions, readSubmittedForm, renderConfigForm } from './node-config.js';
import { PubsubError } from './errors.js';

const options = (fields: Record<string, string>, formType = 'http://jabber.org/protocol/pubsub#publish-options'): string =>
  `<publish-options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>${formType}</value></field>${Object.entries(fields)
    .map(([k, v]) => `<field var='${k}'><value>${v}</value></field>`)
    .join('')}</x></publish-options>`;

describe('PEP node configuration', () => {
  it('reads publish-options and applies the stored fields', () => {
    const fields = readPublishOptions(parse(options({ 'pubsub#access_model': 'whitelist', 'pubsub#max_items': 'max', 'pubsub#persist_items': 'true', 'pubsub#send_last_published_item': 'never' })));
    expect(fields).toBeDefined();
    const config = applyConfigFields(DEFAULT_NODE_CONFIG, fields ?? new Map());
    expect(config).toEqual({ accessModel: 'whitelist', maxItems: PEP_MAX_ITEMS, persistItems: true });
  });

  it('treats absent publish-options as none', () => {
    expect(readPublishOptions(undefined)).toBeUndefined();
    expect(readPublishOptions(parse('<publish-options/>'))).toBeUndefined();
  });

  it('refuses a form of the wrong FORM_TYPE or kind with bad-request', () => {
    const wrongType = (): unknown => readPublishOptions(parse(options({}, 'urn:other')));
    expect(wrongType).toThrow(PubsubError);
    expect(wrongType).toThrow(/FORM_TYPE/);
    expect(() => readSubmittedForm(parse("<x xmlns='jabber:x:data' type='form'/>"), 'x')).toThrow(/submit/);
    expect(readSubmittedForm(parse("<x xmlns='jabber:x:data' type='cancel'/>"), 'x')).toBeUndefined();
  });

  it('refuses invalid values with not-acceptable', () => {
    const apply = (f: Record<string, string>): unknown => applyConfigFields(DEFAULT_NODE_CONFIG, new Map(Object.entries(f).map(([k, v]) => [k, [v]])));
    const bads: Array<Record<string, string>> = [
      { 'pubsub#access_model': 'authorize' },
      { 'pubsub#max_items': '0' },
      { 'pubsub#max_items': String(PEP_MAX_ITEMS + 1) },
      { 'pubsub#max_items': 'lots' },
      { 'pubsub#persist_items': 'maybe' },
      { 'pubsub#deliver_payloads': '0' },
      { 'pubsub#send_last_published_item': 'sometimes' },
    ];
    for (const bad of bads) {
      try {
        apply(bad);
        expect.unreachable(JSON.stringify(bad));
      } catch (error) {
        expect(error).toBeInstanceOf(PubsubError);
        expect((error as PubsubError).condition).toBe('not-acceptable');
      }
    }
    expect(apply({ 'pubsub#title': 'ignored', 'pubsub#max_items': '10' })).toEqual({ ...DEFAULT_NODE_CONFIG, maxItems: 10 });
  });

  it('checks preconditions against the stored configuration', () => {
    const fields = new Map([['pubsub#access_model', ['open']]]);
    expect(meetsPreconditions({ ...DEFAULT_NODE_CONFIG, accessModel: 'open' }, fields)).toBe(true);
    expect(meetsPreconditions(DEFAULT_NODE_CONFIG, fields)).toBe(false);
    const max = new Map([['pubsub#max_items', ['max']]]);
    expect(meetsPreconditions({ ...DEFAULT_NODE_CONFIG, maxItems: PEP_MAX_ITEMS }, max)).toBe(true);
    expect(meetsPreconditions(DEFAULT_NODE_CONFIG, max)).toBe(false);
  });

  it('renders the configuration form with current values', () => {
    const form = renderConfigForm({ accessModel: 'whitelist', maxItems: PEP_MAX_ITEMS, persistItems: true });
    const value = (name: string): string | undefined => form.getChildByAttr('var', name)?.getChildText('value') ?? undefined;
    expect(form.attrs.type).toBe('form');
    expect(value('FORM_TYPE')).toBe('http://jabber.org/protocol/pubsub#node_config');
    expect(value('pubsub#access_model')).toBe('whitelist');
    expect(value('pubsub#max_items')).toBe('max');
    expect(value('pubsub#persist_items')).toBe('1');
    expect(value('pubsub#send_last_published_item')).toBe('never');
  });
});
