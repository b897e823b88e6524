// JIDs per RFC 7622 — https://www.rfc-editor.org/rfc/rfc7622
// We apply the parts of PRECIS that matter for a server: Unicode NFC, case
// folding of localpart and domain, forbidden characters and length limits.
// Full IDNA mapping of internationalised domains is left to the operator's
// configuration (domains are configured, not user input).

import { isIPv6 } from 'node:net';
import { AppError } from './errors.js';

const FORBIDDEN_LOCAL = /["&'/:<>@\s\u0000-\u001f\u007f]/u;
const CONTROL = /[\u0000-\u001f\u007f]/u;
const MAX_PART_BYTES = 1023;

export class Jid {
  readonly local: string;
  readonly domain: string;
  readonly resource: string;
  readonly bare: string;
  readonly full: string;

  constructor(local: string, domain: string, resource = '') {
    this.local = local;
    this.domain = domain;
    this.resource = resource;
    this.bare = local ? `${local}@${domain}` : domain;
    this.full = resource ? `${this.bare}/${resource}` : this.bare;
  }

  get isBare(): boolean {
    return this.resource === '';
  }

  toBare(): Jid {
    return this.resource ? new Jid(this.local, this.domain) : this;
  }

  withResource(resource: string): Jid {
    return new Jid(this.local, this.domain, resource);
  }

  toString(): string {
    return this.full;
  }

  equals(other: Jid): boolean {
    return this.full === other.full;
  }
}

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Parses and normalises a JID; throws AppError('jid-malformed') when invalid. */
export function parseJid(input: string): Jid {
  const slash = input.indexOf('/');
  const beforeResource = slash === -1 ? input : input.slice(0, slash);
  const resourceRaw = slash === -1 ? '' : input.slice(slash + 1);
  const at = beforeResource.indexOf('@');
  const localRaw = at === -1 ? '' : beforeResource.slice(0, at);
  let domainRaw = at === -1 ? beforeResource : beforeResource.slice(at + 1);
  if (at !== -1 && localRaw === '') throw malformed('empty localpart');
  if (slash !== -1 && resourceRaw === '') throw malformed('empty resource');
  if (domainRaw.endsWith('.')) domainRaw = domainRaw.slice(0, -1);
  const local = localRaw.normalize('NFC').toLowerCase();
  const domain = domainRaw.normalize('NFC').toLowerCase();
  const resource = resourceRaw.normalize('NFC');
  if (!isDomain(domain)) throw malformed('invalid domain');
  if (FORBIDDEN_LOCAL.test(local)) throw malformed('invalid character in localpart');
  if (CONTROL.test(resource)) throw malformed('invalid character in resource');
  if (byteLength(local) > MAX_PART_BYTES || byteLength(domain) > MAX_PART_BYTES || byteLength(resource) > MAX_PART_BYTES) {
    throw malformed('part too long');
  }
  return new Jid(local, domain, resource);
}

// RFC 7622 §3.2: a domain name (non-empty labels; letters with their
// combining marks, digits, hyphen, and the underscore some deployments use)
// or an IP literal; IPv6 literals in brackets.
const DOMAIN_NAME = /^[\p{L}\p{M}\p{N}\-_]+(?:\.[\p{L}\p{M}\p{N}\-_]+)*$/u;

function isDomain(domain: string): boolean {
  if (domain.startsWith('[')) return domain.endsWith(']') && isIPv6(domain.slice(1, -1));
  return DOMAIN_NAME.test(domain);
}

/** Like parseJid but returns undefined instead of throwing. */
export function tryParseJid(input: string | undefined): Jid | undefined {
  if (input === undefined) return undefined;
  try {
    return parseJid(input);
  } catch {
    return undefined;
  }
}

function malformed(reason: string): AppError {
  return new AppError('jid-malformed', `Malformed address: ${reason}`);
}
