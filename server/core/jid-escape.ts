// XEP-0106 JID escaping: turns a string that may hold characters forbidden
// in a localpart (an email address: '@', spaces, quotes…) into a localpart,
// and back. https://xmpp.org/extensions/xep-0106.html#escaping

const ESCAPES: Record<string, string> = {
  ' ': '\\20', '"': '\\22', '&': '\\26', "'": '\\27', '/': '\\2f', ':': '\\3a', '<': '\\3c', '>': '\\3e', '@': '\\40', '\\': '\\5c',
};
const ESCAPED = /\\(20|22|26|27|2f|3a|3c|3e|40|5c)/gi;

/** Escapes a would-be localpart (XEP-0106 §4.2). A backslash is escaped only where it would read as an escape. */
export function escapeLocalpart(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] as string;
    if (char === '\\') out += /^(20|22|26|27|2f|3a|3c|3e|40|5c)/i.test(value.slice(i + 1, i + 3)) ? '\\5c' : '\\';
    else out += ESCAPES[char] ?? char;
  }
  return out;
}

/** Undoes escapeLocalpart (XEP-0106 §4.3). */
export function unescapeLocalpart(value: string): string {
  return value.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Escapes the characters an email address may hold that a localpart may
 * not, leaving backslashes alone: an email address and its escaped form
 * ("jean@exemple.fr", "jean\40exemple.fr") both give the escaped form.
 */
export function escapeEmailLocalpart(value: string): string {
  return value.replace(/[ "&'/:<>@]/g, (char) => ESCAPES[char] as string);
}
