// JID helpers (RFC 7622) and XEP-0106 escaping for guest addresses.

export function bareJid(jid: string): string {
  const slash = jid.indexOf('/');
  return slash === -1 ? jid : jid.slice(0, slash);
}

export function resourceOf(jid: string): string {
  const slash = jid.indexOf('/');
  return slash === -1 ? '' : jid.slice(slash + 1);
}

export function localOf(jid: string): string {
  const bare = bareJid(jid);
  const at = bare.indexOf('@');
  return at === -1 ? '' : bare.slice(0, at);
}

export function domainOf(jid: string): string {
  const bare = bareJid(jid);
  return bare.slice(bare.indexOf('@') + 1);
}

const ESCAPES: Record<string, string> = { ' ': '\\20', '"': '\\22', '&': '\\26', "'": '\\27', '/': '\\2f', ':': '\\3a', '<': '\\3c', '>': '\\3e', '@': '\\40', '\\': '\\5c' };

/** XEP-0106 escaping of a localpart (a guest's email address). */
export function escapeLocal(s: string): string {
  return [...s].map((c) => ESCAPES[c] ?? c).join('');
}

export function unescapeLocal(s: string): string {
  return s.replace(/\\(20|22|26|27|2f|3a|3c|3e|40|5c)/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export interface LoginTarget {
  username: string;
  domain: string;
}

/**
 * What the person typed in the login field → SASL username and domain:
 * a JID of the server's domains, a bare username, or an email address
 * (a guest's, escaped into the guest domain).
 */
export function loginTarget(input: string, domain: string, guestDomain: string): LoginTarget | undefined {
  const value = input.trim();
  if (!value) return undefined;
  const at = value.lastIndexOf('@');
  if (at === -1) return { username: value.toLowerCase(), domain };
  const local = value.slice(0, at);
  const host = value.slice(at + 1).toLowerCase();
  if (!local || !host) return undefined;
  if (host === domain || host === guestDomain) return { username: local.toLowerCase(), domain: host };
  return { username: escapeLocal(value.toLowerCase()), domain: guestDomain };
}
