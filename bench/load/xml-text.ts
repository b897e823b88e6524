// String helpers to look inside a serialized element without parsing it.
// XML 1.0 §2.3 (attribute values), §4.6 (predefined entities) — https://www.w3.org/TR/xml/
// Good enough for what XMPP servers emit; not a general XML parser.

/** Local name of the root element of `xml` (`stream:features` → `features`). */
export function localName(xml: string): string {
  let end = 1;
  while (end < xml.length) {
    const c = xml.charCodeAt(end);
    if (c === 0x20 || c === 0x3e || c === 0x2f || c === 0x0a || c === 0x09 || c === 0x0d) break;
    end += 1;
  }
  const qname = xml.slice(1, end);
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** Value of attribute `name` on the root element's opening tag, unescaped. */
export function rootAttr(xml: string, name: string): string | undefined {
  const tagEnd = xml.indexOf('>');
  const head = tagEnd < 0 ? xml : xml.slice(0, tagEnd);
  const re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
  const m = re.exec(head);
  if (!m) return undefined;
  return unescapeXml(m[1] ?? m[2] ?? '');
}

/** Text of the first `<name>…</name>` child anywhere in `xml`, unescaped. */
export function childText(xml: string, name: string): string | undefined {
  const open = xml.indexOf(`<${name}`);
  if (open < 0) return undefined;
  const gt = xml.indexOf('>', open);
  if (gt < 0 || xml.charCodeAt(gt - 1) === 0x2f) return gt < 0 ? undefined : '';
  const close = xml.indexOf(`</${name}>`, gt);
  if (close < 0) return undefined;
  return unescapeXml(xml.slice(gt + 1, close));
}

/** All texts of `<name>…</name>` elements (e.g. every `<mechanism>`). */
export function childTexts(xml: string, name: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(unescapeXml(m[1] ?? ''));
  return out;
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_m, ent: string) => {
    switch (ent) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(
          ent.startsWith('#x') ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10),
        );
    }
  });
}
