// Splits message text into plain text and links, so the view renders links
// as <a> elements and everything else as text (never as HTML).

export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
const TRAILING_CHAR = /[.,;:!?'")\]}»]/u;

export function safeHref(raw: string): string | undefined {
  const candidate = raw.toLowerCase().startsWith('www.') ? `https://${raw}` : raw;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Drops trailing punctuation, except a ')' that closes a '(' inside the URL (Wikipedia links). */
function trimTrailing(url: string): string {
  let end = url.length;
  for (;;) {
    const c = url[end - 1];
    if (!c || !TRAILING_CHAR.test(c)) break;
    if (c === ')') {
      const part = url.slice(0, end);
      if ((part.match(/\(/g)?.length ?? 0) >= (part.match(/\)/g)?.length ?? 0)) break;
    }
    end -= 1;
  }
  return url.slice(0, end);
}

export function linkify(text: string): Segment[] {
  const segments: Segment[] = [];
  let index = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let raw = match[0];
    const start = match.index ?? 0;
    raw = trimTrailing(raw);
    const href = safeHref(raw);
    if (!href) continue;
    if (start > index) segments.push({ kind: 'text', text: text.slice(index, start) });
    segments.push({ kind: 'link', text: raw, href });
    index = start + raw.length;
  }
  if (index < text.length) segments.push({ kind: 'text', text: text.slice(index) });
  return segments;
}
