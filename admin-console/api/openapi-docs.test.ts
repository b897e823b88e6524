// docs/WEBADMIN.md's endpoint table lists exactly the operations of the
// OpenAPI document, so the documentation cannot fall behind the API.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi.js';

const DOC = resolve(import.meta.dirname, '..', '..', 'docs', 'WEBADMIN.md');

/** "GET/POST /api/x?y=" in backticks inside the endpoint table → ["GET /api/x", "POST /api/x"]. */
function documented(markdown: string): string[] {
  const table = markdown.slice(markdown.indexOf('| Area | Endpoints |'));
  const rows = table.slice(0, table.indexOf('\n\n'));
  return [...rows.matchAll(/`([A-Z]+(?:\/[A-Z]+)*) (\/api\/[^`?\s]+)[^`]*`/g)].flatMap((m) => (m[1] as string).split('/').map((method) => `${method} ${m[2]}`));
}

describe('WebAdmin documentation', () => {
  it('lists every API operation, and only those', () => {
    const fromDoc = documented(readFileSync(DOC, 'utf8')).sort();
    const fromApi = Object.entries(openApiDocument.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((method) => `${method.toUpperCase()} ${path}`)).sort();
    expect(fromDoc).toEqual(fromApi);
  });
});
