import { describe, expect, it } from 'vitest';
import { AVATAR_COLOURS, FOCUS_PAIRS, TEXT_PAIRS, contrast, cssVariables, palette } from './palette.js';

describe('palette contrast (WCAG 2.1 AA)', () => {
  it('computes contrast ratios as WCAG defines them', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    // The WCAG reference grey: #767676 on white is 4.54:1.
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    // The former focus ring, which this palette replaces, failed 3:1 on white.
    expect(contrast('#ffb020', '#ffffff')).toBeLessThan(3);
  });

  it.each(TEXT_PAIRS.map(([fg, bg]) => [fg, bg, palette[fg], palette[bg]]))('text %s on %s (%s on %s) reaches 4.5:1', (_fg, _bg, fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(FOCUS_PAIRS.map(([ring, surface]) => [ring, surface, palette[ring], palette[surface]]))('focus ring %s on %s (%s on %s) reaches 3:1', (_ring, _surface, ring, surface) => {
    expect(contrast(ring, surface)).toBeGreaterThanOrEqual(3);
  });

  it.each(AVATAR_COLOURS.map((colour, hue) => [hue, colour]))('white initials on avatar hue %i (%s) reach 4.5:1', (_hue, colour) => {
    expect(colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(contrast(palette.accentFg, colour)).toBeGreaterThanOrEqual(4.5);
  });

  it('gives the stylesheet every colour as a CSS custom property', () => {
    const variables = cssVariables();
    expect(variables).toContain(`--focus:${palette.focus}`);
    expect(variables).toContain(`--focus-on-dark:${palette.focusOnDark}`);
    expect(variables).toContain(`--side-fg:${palette.sideFg}`);
    expect(variables.split(';')).toHaveLength(Object.keys(palette).length);
  });

  it('is what the stylesheet uses: variables from the palette, the focus ring from them', async () => {
    // styles.ts builds a constructed stylesheet: record its text instead (no DOM here).
    class RecordingSheet {
      text = '';
      replaceSync(text: string): void {
        this.text = text;
      }
    }
    Object.assign(globalThis, { CSSStyleSheet: RecordingSheet });
    const { styles } = await import('./styles.js');
    const css = (styles as unknown as RecordingSheet).text;
    expect(css).toContain(`:root{${cssVariables()};`);
    expect(css).toContain(':focus-visible{outline:3px solid var(--focus)');
    expect(css).toContain('.sidebar{--focus:var(--focus-on-dark);');
    expect(css).toContain(`.avatar[data-hue="2"]{background:${AVATAR_COLOURS[2]}}`);
    // Every custom property with a colour comes from the palette.
    for (const [, value] of css.matchAll(/--[a-z-]+:(#[0-9a-f]{3,8})\b/gi)) expect(Object.values(palette)).toContain(value);
  });
});
