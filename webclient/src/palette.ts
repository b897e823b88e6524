// The client's colours in one place: styles.ts turns them into CSS custom
// properties, and palette.test.ts checks every pair the stylesheet puts
// together against WCAG 2.1 AA (4.5:1 for text, 3:1 for the focus ring).

export const palette = {
  bg: '#ffffff',
  fg: '#1d1c1d',
  muted: '#5e5d60',
  line: '#e3e3e6',
  side: '#2b1b3d',
  sideFg: '#f2eef7',
  sideMuted: '#c9bfd6',
  accent: '#0b63c5',
  accentHover: '#09509f',
  accentFg: '#ffffff',
  activeRoom: '#1164a3',
  button: '#f6f6f7',
  buttonHover: '#ececef',
  hover: '#f8f8f8',
  pressed: '#eef2f8',
  hl: '#fff4c2',
  mention: '#d62d51',
  mentionBg: '#fdf0f3',
  reactionMine: '#e3efff',
  ok: '#1d7a3a',
  err: '#b3261e',
  errBg: '#fde8e7',
  warnFg: '#5c4400',
  warnBg: '#fff4d6',
  badge: '#e8a33d',
  /** The focus ring on light surfaces: a dark amber (the former #ffb020 had 1.8:1 on white). */
  focus: '#c25e00',
  /** The focus ring on the dark sidebar. */
  focusOnDark: '#ffb020',
} as const;

export type ColourName = keyof typeof palette;

/** #rrggbb of an HSL colour (hue in degrees, saturation and lightness 0…1). */
function hslHex(hue: number, saturation: number, lightness: number): string {
  const k = (n: number): number => (n + hue / 30) % 12;
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number): number => Math.round(255 * (lightness - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))));
  return `#${[0, 8, 4].map((n) => channel(n).toString(16).padStart(2, '0')).join('')}`;
}

/** Backgrounds of initials avatars (white initials), one per hue step of 30°; 30 % lightness keeps 4.5:1 on every hue. */
export const AVATAR_COLOURS: readonly string[] = Array.from({ length: 12 }, (_, i) => hslHex(i * 30, 0.55, 0.3));

/** Text (foreground, background) pairs the stylesheet uses: each needs 4.5:1. */
export const TEXT_PAIRS: ReadonlyArray<readonly [ColourName, ColourName]> = [
  ['fg', 'bg'],
  ['fg', 'button'],
  ['fg', 'buttonHover'],
  ['fg', 'hover'],
  ['fg', 'pressed'],
  ['fg', 'hl'],
  ['fg', 'mentionBg'],
  ['fg', 'reactionMine'],
  ['fg', 'badge'],
  ['muted', 'bg'],
  ['muted', 'hover'],
  ['muted', 'pressed'],
  ['muted', 'mentionBg'],
  ['accent', 'bg'],
  ['accent', 'hover'],
  ['accent', 'mentionBg'],
  ['accentFg', 'accent'],
  ['accentFg', 'accentHover'],
  ['accentFg', 'activeRoom'],
  ['accentFg', 'mention'],
  ['sideFg', 'side'],
  ['sideMuted', 'side'],
  ['ok', 'bg'],
  ['err', 'bg'],
  ['err', 'errBg'],
  ['warnFg', 'warnBg'],
];

/** Focus ring (ring, surface) pairs: each needs 3:1 (WCAG 1.4.11 non-text contrast). */
export const FOCUS_PAIRS: ReadonlyArray<readonly [ColourName, ColourName]> = [
  ['focus', 'bg'],
  ['focus', 'button'],
  ['focus', 'hover'],
  ['focus', 'pressed'],
  ['focus', 'hl'],
  ['focus', 'mentionBg'],
  ['focus', 'errBg'],
  ['focus', 'warnBg'],
  ['focusOnDark', 'side'],
  ['focusOnDark', 'activeRoom'],
];

/** WCAG 2.1 relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `--bg:#ffffff;--fg:…` for :root (names in kebab case). */
export function cssVariables(): string {
  return Object.entries(palette)
    .map(([name, value]) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${value}`)
    .join(';');
}
