// PEP node configuration: defaults, the XEP-0060 §8.2 configuration form,
// publish-options preconditions (§7.1.5) and their validation.
// https://xmpp.org/extensions/xep-0060.html#owner-configure
// https://xmpp.org/extensions/xep-0060.html#publisher-publish-options

import { NS_DATA_FORMS, NS_PUBSUB_PUBLISH_OPTIONS } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import type { PepNodeConfig } from '../../store/types.js';
import { PubsubError } from './errors.js';

export type AccessModel = PepNodeConfig['accessModel'];

export const NS_NODE_CONFIG = 'http://jabber.org/protocol/pubsub#node_config';

/** What `max` means for pubsub#max_items, and the ceiling of any number (Prosody's pep_max_items). */
export const PEP_MAX_ITEMS = 256;

/** XEP-0163 §6: a node auto-created on publish gets these unless publish-options say otherwise. */
export const DEFAULT_NODE_CONFIG: Readonly<PepNodeConfig> = { accessModel: 'presence', maxItems: 1, persistItems: true };

const ACCESS_MODELS: readonly AccessModel[] = ['open', 'presence', 'roster', 'whitelist'];
const SEND_LAST = ['never', 'on_sub', 'on_sub_and_presence'];

/** A submitted data form: field var → values (FORM_TYPE excluded). */
export type FormFields = Map<string, string[]>;

/**
 * Reads a submitted jabber:x:data form of `formType`. Returns undefined for
 * type='cancel'; throws bad-request for a form of another type or kind.
 */
export function readSubmittedForm(x: Element | undefined, formType: string): FormFields | undefined {
  if (!x || x.name !== 'x' || x.attrs.xmlns !== NS_DATA_FORMS) throw new PubsubError('bad-request', 'invalid-options', 'Expected a jabber:x:data form');
  if (x.attrs.type === 'cancel') return undefined;
  if (x.attrs.type !== 'submit') throw new PubsubError('bad-request', 'invalid-options', "The form must be of type 'submit'");
  const fields: FormFields = new Map();
  let seenType: string | undefined;
  for (const field of x.getChildren('field')) {
    const name = field.attrs.var;
    if (!name) continue;
    const values = field.getChildren('value').map((v) => v.getText());
    if (name === 'FORM_TYPE') seenType = values[0];
    else fields.set(name, values);
  }
  if (seenType !== formType) throw new PubsubError('bad-request', 'invalid-options', `The form's FORM_TYPE must be ${formType}`);
  return fields;
}

function single(fields: FormFields, name: string): string | undefined {
  const values = fields.get(name);
  if (values === undefined) return undefined;
  if (values.length !== 1) throw invalid(name);
  return values[0];
}

function invalid(name: string, detail = 'has an unsupported value'): PubsubError {
  return new PubsubError('not-acceptable', undefined, `${name} ${detail}`);
}

function parseBoolean(name: string, value: string): boolean {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw invalid(name, 'must be a boolean');
}

function parseMaxItems(value: string): number {
  if (value === 'max') return PEP_MAX_ITEMS;
  if (!/^\d{1,6}$/.test(value)) throw invalid('pubsub#max_items', "must be a number or 'max'");
  const n = Number(value);
  if (n < 1 || n > PEP_MAX_ITEMS) throw invalid('pubsub#max_items', `must be between 1 and ${PEP_MAX_ITEMS}`);
  return n;
}

/**
 * Applies the fields we store on top of `base`; throws not-acceptable for an
 * invalid value. Fields we do not store are accepted and ignored when their
 * value is one we can honour or is harmless (send_last_published_item).
 */
export function applyConfigFields(base: PepNodeConfig, fields: FormFields): PepNodeConfig {
  const config = { ...base };
  const access = single(fields, 'pubsub#access_model');
  if (access !== undefined) {
    const model = ACCESS_MODELS.find((m) => m === access);
    if (!model) throw invalid('pubsub#access_model', `"${access}" is not supported`);
    config.accessModel = model;
  }
  const maxItems = single(fields, 'pubsub#max_items');
  if (maxItems !== undefined) config.maxItems = parseMaxItems(maxItems);
  const persist = single(fields, 'pubsub#persist_items');
  if (persist !== undefined) config.persistItems = parseBoolean('pubsub#persist_items', persist);
  const sendLast = single(fields, 'pubsub#send_last_published_item');
  if (sendLast !== undefined && !SEND_LAST.includes(sendLast)) throw invalid('pubsub#send_last_published_item');
  for (const name of ['pubsub#deliver_payloads', 'pubsub#deliver_notifications']) {
    const value = single(fields, name);
    // Notifications always carry payloads here; refusing them would be a lie.
    if (value !== undefined && !parseBoolean(name, value)) throw invalid(name, 'cannot be disabled on this service');
  }
  return config;
}

/**
 * §7.1.5: true when an existing node's configuration satisfies the
 * publish-options. Validation errors are thrown before comparing.
 */
export function meetsPreconditions(config: PepNodeConfig, fields: FormFields): boolean {
  const wanted = applyConfigFields(config, fields);
  return wanted.accessModel === config.accessModel && wanted.maxItems === config.maxItems && wanted.persistItems === config.persistItems;
}

/** Publish-options form of a <publish-options/> element, or undefined when absent. */
export function readPublishOptions(publishOptions: Element | undefined): FormFields | undefined {
  if (!publishOptions) return undefined;
  const x = publishOptions.getChild('x', NS_DATA_FORMS);
  if (!x) return undefined;
  return readSubmittedForm(x, NS_PUBSUB_PUBLISH_OPTIONS);
}

/** What we do for send_last_published_item: single-item nodes hold "current state", lists do not. */
export function sendsLastItem(config: PepNodeConfig): boolean {
  return config.maxItems === 1;
}

function field(name: string, type: string, label: string, values: string[], options: string[] = []): Element {
  return el(
    'field',
    { var: name, type, label },
    ...options.map((o) => el('option', null, el('value', null, o))),
    ...values.map((v) => el('value', null, v)),
  );
}

/** The §8.2.1 configuration form (type 'form'). */
export function renderConfigForm(config: PepNodeConfig): Element {
  return el(
    'x',
    { xmlns: NS_DATA_FORMS, type: 'form' },
    field('FORM_TYPE', 'hidden', '', [NS_NODE_CONFIG]),
    field('pubsub#access_model', 'list-single', 'Who may subscribe and retrieve items', [config.accessModel], [...ACCESS_MODELS]),
    field('pubsub#max_items', 'text-single', `Maximum number of items to keep (1-${PEP_MAX_ITEMS} or max)`, [config.maxItems === PEP_MAX_ITEMS ? 'max' : String(config.maxItems)]),
    field('pubsub#persist_items', 'boolean', 'Persist items to storage', [config.persistItems ? '1' : '0']),
    field('pubsub#send_last_published_item', 'list-single', 'When to send the last published item', [sendsLastItem(config) ? 'on_sub_and_presence' : 'never'], SEND_LAST),
    field('pubsub#deliver_payloads', 'boolean', 'Deliver payloads with event notifications', ['1']),
    field('pubsub#notify_retract', 'boolean', 'Notify subscribers when items are removed', ['1']),
    field('pubsub#notify_delete', 'boolean', 'Notify subscribers when the node is deleted', ['1']),
  );
}
