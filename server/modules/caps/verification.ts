// XEP-0115: Entity Capabilities — the verification string and hash.
// §5.1 (verification string), §5.4 (processing: ill-formed responses are
// not cached) — https://xmpp.org/extensions/xep-0115.html#ver-gen
// XEP-0128 extended disco info (data forms) takes part in the string.

import { createHash } from 'node:crypto';
import { NS_DATA_FORMS, NS_DISCO_INFO } from '../../xmpp/namespaces.js';
import type { Element } from '../../xmpp/stanza.js';

export interface DiscoIdentity {
  category: string;
  type: string;
  lang: string;
  name: string;
}

export interface DiscoForm {
  formType: string;
  /** var → values, FORM_TYPE excluded. */
  fields: Array<{ name: string; values: string[] }>;
}

export interface DiscoInfo {
  identities: DiscoIdentity[];
  features: string[];
  forms: DiscoForm[];
  /** Set when §5.4 says the response must not be trusted for a hash (duplicates, bad forms). */
  illFormed: boolean;
}

/** Hash names of the IANA registry that XEP-0115 allows, mapped to node:crypto names. */
const HASHES: Record<string, string> = {
  'sha-1': 'sha1',
  'sha-224': 'sha224',
  'sha-256': 'sha256',
  'sha-384': 'sha384',
  'sha-512': 'sha512',
};

export function isSupportedHash(hash: string): boolean {
  return Object.hasOwn(HASHES, hash);
}

// "i;octet" collation (RFC 4790): compare UTF-8 bytes, not UTF-16 code units.
const octet = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Reads a disco#info <query/> into plain data, flagging what §5.4 calls ill-formed. */
export function parseDiscoInfo(query: Element): DiscoInfo {
  let illFormed = query.name !== 'query' || query.attrs.xmlns !== NS_DISCO_INFO;
  const identities: DiscoIdentity[] = [];
  const features: string[] = [];
  const forms: DiscoForm[] = [];
  const seenIdentities = new Set<string>();
  const seenFeatures = new Set<string>();
  const seenForms = new Set<string>();
  for (const child of query.getChildElements()) {
    if (child.name === 'identity') {
      const identity = {
        category: child.attrs.category ?? '',
        type: child.attrs.type ?? '',
        lang: child.attrs['xml:lang'] ?? '',
        name: child.attrs.name ?? '',
      };
      const key = `${identity.category}/${identity.type}/${identity.lang}/${identity.name}`;
      if (seenIdentities.has(key)) illFormed = true;
      seenIdentities.add(key);
      identities.push(identity);
    } else if (child.name === 'feature') {
      const feature = child.attrs.var ?? '';
      if (seenFeatures.has(feature)) illFormed = true;
      seenFeatures.add(feature);
      features.push(feature);
    } else if (child.name === 'x' && child.attrs.xmlns === NS_DATA_FORMS) {
      const form = readForm(child);
      if (form === 'ignored') continue;
      if (form === 'ill-formed' || seenForms.has(form.formType)) {
        illFormed = true;
        continue;
      }
      seenForms.add(form.formType);
      forms.push(form);
    }
  }
  return { identities, features, forms, illFormed };
}

function readForm(x: Element): DiscoForm | 'ignored' | 'ill-formed' {
  let formType: string | undefined;
  const fields: DiscoForm['fields'] = [];
  for (const field of x.getChildren('field')) {
    const name = field.attrs.var;
    const values = field.getChildren('value').map((v) => v.getText());
    if (name === 'FORM_TYPE') {
      // §5.4 step 3.6: a FORM_TYPE that is not hidden makes the form ignored.
      if (field.attrs.type !== 'hidden') return 'ignored';
      if (values.length !== 1 || formType !== undefined) return 'ill-formed';
      formType = values[0];
      continue;
    }
    if (name === undefined) continue;
    fields.push({ name, values });
  }
  // A form without FORM_TYPE is not part of the verification string (§5.1 step 8).
  if (formType === undefined) return 'ignored';
  return { formType, fields };
}

/** The §5.1 verification string S. */
export function verificationString(info: DiscoInfo): string {
  let s = '';
  const identities = [...info.identities].sort(
    (a, b) => octet(a.category, b.category) || octet(a.type, b.type) || octet(a.lang, b.lang) || octet(a.name, b.name),
  );
  for (const i of identities) s += `${i.category}/${i.type}/${i.lang}/${i.name}<`;
  for (const feature of [...info.features].sort(octet)) s += `${feature}<`;
  for (const form of [...info.forms].sort((a, b) => octet(a.formType, b.formType))) {
    s += `${form.formType}<`;
    for (const field of [...form.fields].sort((a, b) => octet(a.name, b.name))) {
      s += `${field.name}<`;
      for (const value of [...field.values].sort(octet)) s += `${value}<`;
    }
  }
  return s;
}

/** The base64 `ver` for `info` with the named hash, or undefined for an unknown hash. */
export function capsVer(info: DiscoInfo, hash: string): string | undefined {
  const algorithm = HASHES[hash];
  if (algorithm === undefined) return undefined;
  return createHash(algorithm).update(verificationString(info), 'utf8').digest('base64');
}

/** True when the disco#info response proves `ver` (§5.4 step 3). */
export function verifiesCaps(info: DiscoInfo, hash: string, ver: string): boolean {
  return !info.illFormed && capsVer(info, hash) === ver;
}
