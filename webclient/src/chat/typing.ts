// "Bob écrit…" / "Bob et Carl écrivent…": who is typing, as one sentence.

import { translate } from '../i18n/index.js';
import type { Lang } from '../i18n/index.js';

/** Names joined for display; beyond three, the first three and "+N". */
export function joinNames(names: readonly string[], lang: Lang): string {
  const and = translate(lang, 'typing.and');
  if (names.length <= 1) return names.join('');
  const shown = names.slice(0, 3);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} +${rest}`;
  return `${shown.slice(0, -1).join(', ')}${and}${shown[shown.length - 1]}`;
}

export function typingSentence(names: readonly string[], lang: Lang): string {
  if (names.length === 0) return '';
  return translate(lang, names.length === 1 ? 'typing.one' : 'typing.many', { names: joinNames(names, lang) });
}
