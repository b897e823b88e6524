import { describe, expect, it } from 'vitest';
import { fitWithin } from './resize-image.js';

describe('fitWithin', () => {
  it('scales the longer side down to 96 px, keeping proportions', () => {
    expect(fitWithin(400, 200)).toEqual({ width: 96, height: 48 });
    expect(fitWithin(300, 1200)).toEqual({ width: 24, height: 96 });
  });

  it('never enlarges a small picture and keeps at least one pixel', () => {
    expect(fitWithin(1, 1)).toEqual({ width: 1, height: 1 });
    expect(fitWithin(5000, 10)).toEqual({ width: 96, height: 1 });
  });
});
