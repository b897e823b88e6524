// Request validation: every refusal is a 400 problem naming the field and
// what to write instead, so a person (or a script) can fix the request.

import type { Request } from 'express';
import { AppError } from '../../server/core/errors.js';

export type Fields = Record<string, unknown>;

function invalid(field: string, text: string): AppError {
  return new AppError('bad-request', text, { details: { field } });
}

/** The JSON body as an object with only the allowed fields. */
/** The body's fields, or none when the request has no body (DELETE, PUT without one). */
export function optionalBody(req: Request, allowed: readonly string[]): Fields {
  return req.body === undefined ? {} : body(req, allowed);
}

export function body(req: Request, allowed: readonly string[]): Fields {
  const value: unknown = req.body;
  if (value === undefined && !req.is('application/json')) throw new AppError('bad-request', 'Send a JSON object with Content-Type: application/json');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AppError('bad-request', 'The body must be a JSON object');
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw invalid(key, `Unknown field "${key}"; allowed: ${allowed.join(', ')}`);
  }
  return value as Fields;
}

export function requiredString(fields: Fields, field: string, max = 1024): string {
  const value = fields[field];
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, `"${field}" is required (text)`);
  if ([...value].length > max) throw invalid(field, `"${field}" is too long (at most ${max} characters)`);
  return value;
}

export function optionalString(fields: Fields, field: string, max = 1024): string | undefined {
  return fields[field] === undefined ? undefined : requiredString(fields, field, max);
}

/** Text or null (to clear); undefined when absent. */
export function nullableString(fields: Fields, field: string, max = 1024): string | null | undefined {
  const value = fields[field];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') throw invalid(field, `"${field}" must be text or null`);
  if ([...value].length > max) throw invalid(field, `"${field}" is too long (at most ${max} characters)`);
  return value.trim() === '' ? null : value.trim();
}

export function optionalBoolean(fields: Fields, field: string): boolean | undefined {
  const value = fields[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalid(field, `"${field}" must be true or false`);
  return value;
}

export function requiredBoolean(fields: Fields, field: string): boolean {
  const value = optionalBoolean(fields, field);
  if (value === undefined) throw invalid(field, `"${field}" is required (true or false)`);
  return value;
}

/** true/false overrides, null inherits; undefined when absent. */
export function tristate(fields: Fields, field: string): boolean | null | undefined {
  const value = fields[field];
  if (value === undefined || value === null || typeof value === 'boolean') return value;
  throw invalid(field, `"${field}" must be true (on), false (off) or null (inherit from the domain)`);
}

export function requiredInt(fields: Fields, field: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const value = fields[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalid(field, `"${field}" must be a whole number from ${min} to ${max}`);
  return value;
}

export function oneOf<T extends string>(fields: Fields, field: string, values: readonly T[]): T | undefined {
  const value = fields[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) throw invalid(field, `"${field}" must be one of ${values.join(', ')}`);
  return value as T;
}

/** A positive integer path parameter (ids). */
export function idParam(req: Request, name = 'id'): number {
  const raw = req.params[name];
  const value = typeof raw === 'string' && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value)) throw new AppError('item-not-found', `"${String(raw)}" is not an id`);
  return value;
}

export function stringParam(req: Request, name: string): string {
  const raw = req.params[name];
  if (typeof raw !== 'string' || raw === '') throw new AppError('item-not-found', `Missing ${name}`);
  return raw;
}

export function queryInt(req: Request, name: string, fallback: number, min: number, max: number): number {
  const raw = req.query[name];
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(name, `"${name}" must be a whole number from ${min} to ${max}`);
  return value;
}

export function queryString(req: Request, name: string, max = 200): string | undefined {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || raw.length > max) throw invalid(name, `"${name}" must be one text value of at most ${max} characters`);
  return raw;
}
