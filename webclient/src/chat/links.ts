// Splits message text into plain text and links, so the view renders links
// as <a> elements and everything else as text (never as HTML).

export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
const TRAILING = /[.,;:!?'")\]}»]+$/u;

export function safeHref(raw: string): string | undefined {
  const candidate = raw.toLowerCase().startsWith('www.') ? `https://${raw}` : raw;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function linkify(text: string): Segment[] {
  const segments: Segment[] = [];
  let index = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let raw = match[0];
    const start = match.index ?? 0;
    // Keep a closing parenthesis that closes one opened inside the URL (Wikipedia links).
    const trailing = TRAILING.exec(raw)?.[0] ?? '';
    let cut = trailing.length;
    if (trailing.startsWith(')') && (raw.match(/\(/g)?.length ?? 0) >= (raw.match(/\)/g)?.length ?? 0)) cut = trailing.length - 1;
    raw = raw.slice(0, raw.length - cut);
    const href = safeHref(raw);
    if (!href) continue;
    if (start > index) segments.push({ kind: 'text', text: text.slice(index, start) });
    segments.push({ kind: 'link', text: raw, href });
    index = start + raw.length;
  }
  if (index < text.length) segments.push({ kind: 'text', text: text.slice(index) });
  return segments;
}
