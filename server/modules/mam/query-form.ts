// XEP-0313 §4.1 filtering: the XEP-0004 data form of a MAM query, parsed
// into plain filters, and the form a client gets when it asks for it.
// https://xmpp.org/extensions/xep-0313.html#filter
// Full text: XEP-0431 field `{urn:xmpp:fulltext:0}fulltext` and ejabberd's
// `withtext` (https://docs.ejabberd.im/developer/xmpp-clients-bots/extensions/mam-full-text/).

import { AppError } from '../../core/errors.js';
import { tryParseJid } from '../../core/jid.js';
import type { Jid } from '../../core/jid.js';
import { NS_DATA_FORMS, NS_FULLTEXT, NS_MAM, NS_XDATA_VALIDATE } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';

export const FULLTEXT_FIELD = `{${NS_FULLTEXT}}fulltext`;
/** Causerie's XEP-0201 thread filter, for room archives (docs/XMPP.md). */
export const THREAD_FIELD = '{urn:causerie:mam:0}thread';
/** ejabberd's name for the same filter. */
export const WITHTEXT_FIELD = 'withtext';
/** More ids than this in one `ids` field is refused: it is a look-up, not a dump. */
export const MAX_IDS = 250;
const MAX_TEXT = 500;

export interface MamFilters {
  with?: Jid;
  start?: Date;
  end?: Date;
  text?: string;
  beforeId?: string;
  afterId?: string;
  ids?: string[];
  thread?: string;
}

/** Fields only some archives offer. */
export interface QueryFormOptions {
  /** Room archives record threads. */
  thread?: boolean;
}

// XEP-0082 DateTime: CCYY-MM-DDThh:mm:ss[.sss]TZD, the zone required.
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(field: string, value: string): Date {
  const time = DATETIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new AppError('bad-request', `The "${field}" field needs an XEP-0082 date and time such as 2024-05-01T12:00:00Z`);
  return new Date(time);
}

function single(field: string, values: string[]): string | undefined {
  if (values.length > 1) throw new AppError('bad-request', `The "${field}" field takes one value`);
  const value = values[0]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Reads the query's data form; throws bad-request or feature-not-implemented (XEP-0313 §4.1.5) with a text. */
export function parseQueryForm(form: Element | undefined, options: QueryFormOptions = {}): MamFilters {
  const filters: MamFilters = {};
  if (!form) return filters;
  const type = form.attrs.type;
  if (type !== undefined && type !== 'submit') throw new AppError('bad-request', 'The query form must be of type "submit"');
  for (const field of form.getChildren('field')) {
    const name = field.attrs.var;
    if (name === undefined || name === '') throw new AppError('bad-request', 'Every form field needs a "var"');
    const values = field.getChildren('value').map((v) => v.getText());
    switch (name) {
      case 'FORM_TYPE': {
        const value = single(name, values);
        if (value !== undefined && value !== NS_MAM) throw new AppError('bad-request', `FORM_TYPE must be ${NS_MAM}`);
        break;
      }
      case 'with': {
        const value = single(name, values);
        if (value === undefined) break;
        const jid = tryParseJid(value);
        if (!jid) throw new AppError('bad-request', `The "with" field is not a valid JID: ${value.slice(0, 100)}`);
        filters.with = jid;
        break;
      }
      case 'start':
      case 'end': {
        const value = single(name, values);
        if (value !== undefined) filters[name] = parseDateTime(name, value);
        break;
      }
      case FULLTEXT_FIELD:
      case WITHTEXT_FIELD: {
        const value = single(name, values);
        if (value === undefined) break;
        if (value.length > MAX_TEXT) throw new AppError('bad-request', `The search text is longer than ${MAX_TEXT} characters`);
        filters.text = value;
        break;
      }
      case 'before-id':
      case 'after-id': {
        const value = single(name, values);
        if (value !== undefined) filters[name === 'before-id' ? 'beforeId' : 'afterId'] = value;
        break;
      }
      case 'ids': {
        const ids = values.map((v) => v.trim()).filter((v) => v !== '');
        if (ids.length > MAX_IDS) throw new AppError('bad-request', `The "ids" field takes at most ${MAX_IDS} ids`);
        if (ids.length > 0) filters.ids = [...new Set(ids)];
        break;
      }
      case THREAD_FIELD: {
        if (options.thread !== true) throw new AppError('feature-not-implemented', 'Only room archives can be filtered by thread');
        const value = single(name, values);
        if (value !== undefined && value.length > 255) throw new AppError('bad-request', 'A thread id is at most 255 characters');
        if (value !== undefined) filters.thread = value;
        break;
      }
      default:
        throw new AppError('feature-not-implemented', `Unknown query field "${name.slice(0, 100)}"`);
    }
  }
  return filters;
}

/** The form returned for an iq-get query (XEP-0313 §4.1.5). */
export function queryFormTemplate(options: QueryFormOptions = {}): Element {
  const field = (type: string, name: string, label: string): Element => el('field', { type, var: name, label });
  return el(
    'x',
    { xmlns: NS_DATA_FORMS, type: 'form' },
    el('field', { type: 'hidden', var: 'FORM_TYPE' }, el('value', null, NS_MAM)),
    field('jid-single', 'with', 'With'),
    field('text-single', 'start', 'Start'),
    field('text-single', 'end', 'End'),
    field('text-single', 'before-id', 'Before message'),
    field('text-single', 'after-id', 'After message'),
    el('field', { type: 'list-multi', var: 'ids', label: 'Messages' }, el('validate', { xmlns: NS_XDATA_VALIDATE, datatype: 'xs:string' }, el('open'))),
    field('text-single', FULLTEXT_FIELD, 'Search'),
    field('text-single', WITHTEXT_FIELD, 'Search'),
    options.thread === true ? field('text-single', THREAD_FIELD, 'Thread') : null,
  );
}

/** The form element of a query, if any: `<x xmlns='jabber:x:data'/>`. */
export function formOf(query: Element): Element | undefined {
  return query.getChild('x', NS_DATA_FORMS);
}
