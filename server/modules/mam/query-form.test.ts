import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { NS_DATA_FORMS, NS_MAM } from '../../xmpp/namespaces.js';
import { el } from '../../xmpp/stanza.js';
import { FULLTEXT_FIELD, MAX_IDS, THREAD_FIELD, parseQueryForm, queryFormTemplate } from './query-form.js';

function form(fields: Record<string, string | string[]>, type = 'submit') {
  return el(
    'x',
    { xmlns: NS_DATA_FORMS, type },
    el('field', { var: 'FORM_TYPE', type: 'hidden' }, el('value', null, NS_MAM)),
    ...Object.entries(fields).map(([name, value]) => el('field', { var: name }, ...(Array.isArray(value) ? value : [value]).map((v) => el('value', null, v)))),
  );
}

function conditionOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? `${error.condition}: ${error.text ?? ''}` : String(error);
  }
  return undefined;
}

describe('parseQueryForm', () => {
  it('returns no filters without a form', () => {
    expect(parseQueryForm(undefined)).toEqual({});
  });

  it('reads the thread field only where threads are recorded (room archives)', () => {
    expect(parseQueryForm(form({ [THREAD_FIELD]: 'th-1' }), { thread: true })).toEqual({ thread: 'th-1' });
    expect(conditionOf(() => parseQueryForm(form({ [THREAD_FIELD]: 'th-1' })))).toMatch(/^feature-not-implemented/);
    expect(conditionOf(() => parseQueryForm(form({ [THREAD_FIELD]: 'x'.repeat(256) }), { thread: true }))).toMatch(/^bad-request/);
    expect(conditionOf(() => parseQueryForm(form({ [THREAD_FIELD]: ['a', 'b'] }), { thread: true }))).toMatch(/^bad-request/);
    const vars = (options?: { thread?: boolean }) => queryFormTemplate(options).getChildren('field').map((f) => f.attrs.var);
    expect(vars({ thread: true })).toContain(THREAD_FIELD);
    expect(vars()).not.toContain(THREAD_FIELD);
  });

  it('reads with, start, end, full text, ids and the id bounds', () => {
    const filters = parseQueryForm(
      form({
        with: 'Bob@Causerie.Test',
        start: '2024-05-01T10:00:00Z',
        end: '2024-05-01T12:30:00.500+02:00',
        [FULLTEXT_FIELD]: 'hello world',
        'after-id': 'a1',
        'before-id': 'b2',
        ids: ['x', 'y', 'x'],
      }),
    );
    expect(filters.with?.bare).toBe('bob@causerie.test');
    expect(filters.start?.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(filters.end?.toISOString()).toBe('2024-05-01T10:30:00.500Z');
    expect(filters.text).toBe('hello world');
    expect(filters.afterId).toBe('a1');
    expect(filters.beforeId).toBe('b2');
    expect(filters.ids).toEqual(['x', 'y']);
  });

  it("accepts ejabberd's withtext and ignores empty values", () => {
    expect(parseQueryForm(form({ withtext: 'pizza', with: '' }))).toEqual({ text: 'pizza' });
  });

  it('refuses dates that are not XEP-0082 date-times', () => {
    for (const bad of ['yesterday', '2024-05-01', '2024-05-01T10:00:00', '2024-13-45T99:00:00Z']) {
      expect(conditionOf(() => parseQueryForm(form({ start: bad })))).toMatch(/^bad-request: The "start" field/);
    }
  });

  it('refuses a malformed with JID, a wrong FORM_TYPE and repeated single values', () => {
    expect(conditionOf(() => parseQueryForm(form({ with: 'a@b@c' })))).toMatch(/^bad-request: The "with" field/);
    expect(conditionOf(() => parseQueryForm(el('x', { xmlns: NS_DATA_FORMS, type: 'submit' }, el('field', { var: 'FORM_TYPE' }, el('value', null, 'urn:other')))))).toMatch(/^bad-request: FORM_TYPE/);
    expect(conditionOf(() => parseQueryForm(form({ with: ['a@b', 'c@d'] })))).toMatch(/^bad-request: The "with" field takes one value/);
    expect(conditionOf(() => parseQueryForm(form({}, 'form')))).toMatch(/^bad-request/);
  });

  it('answers an unknown field with feature-not-implemented (XEP-0313 §4.1.5)', () => {
    expect(conditionOf(() => parseQueryForm(form({ 'include-groupchat': 'true' })))).toBe('feature-not-implemented: Unknown query field "include-groupchat"');
  });

  it('caps the number of ids', () => {
    const many = Array.from({ length: MAX_IDS + 1 }, (_, i) => `id${i}`);
    expect(conditionOf(() => parseQueryForm(form({ ids: many })))).toMatch(/^bad-request: The "ids" field takes at most/);
  });

  it('offers every field it accepts in the template', () => {
    const template = queryFormTemplate();
    const names = template.getChildren('field').map((f) => f.attrs.var);
    expect(names).toEqual(['FORM_TYPE', 'with', 'start', 'end', 'before-id', 'after-id', 'ids', FULLTEXT_FIELD, 'withtext']);
    expect(template.getChildren('field').some((f) => f.getChild('required'))).toBe(false);
    for (const name of names.filter((n) => n !== 'FORM_TYPE' && n !== 'ids')) {
      expect(() => parseQueryForm(form({ [name as string]: name === 'with' ? 'a@b' : name === 'start' || name === 'end' ? '2024-01-01T00:00:00Z' : 'v' }))).not.toThrow();
    }
  });
});
