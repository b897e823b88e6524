// Human-readable output of API answers: one line per list item with its
// main fields, `key: value` lines for one object, "Done." for no content.

import type { Json } from './http-client.js';

const MAIN_FIELDS = ['id', 'jid', 'name', 'address', 'label', 'email', 'kind', 'access', 'action', 'actor', 'url', 'service', 'host', 'port', 'mode', 'preset', 'createdAt'];

function scalar(value: Json): string {
  if (value === null) return '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function line(item: Json): string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return scalar(item);
  const fields = MAIN_FIELDS.filter((f) => f in item).map((f) => scalar(item[f] as Json));
  if ('grantee' in item) fields.unshift(scalar((item.grantee as { label?: Json })?.label ?? null));
  return fields.join('\t');
}

export function render(answer: Json): string[] {
  if (answer === null || answer === '') return ['Done.'];
  if (typeof answer !== 'object') return [String(answer)];
  if (Array.isArray(answer)) return answer.map(line);
  if (Array.isArray(answer.items)) {
    const lines = answer.items.map(line);
    if (typeof answer.total === 'number') lines.push(`${answer.items.length} of ${answer.total}`);
    return lines;
  }
  return Object.entries(answer).map(([key, value]) => `${key}: ${Array.isArray(value) ? value.map(line).join(', ') : scalar(value)}`);
}
