import { describe, expect, it } from 'vitest';
import { tokenOf } from './my-files.js';

const TOKEN = 'Ab3_-Ab3_-Ab3_-Ab3_-Ab3_';

describe('file URLs', () => {
  it('finds the token of GET and PUT URLs, also behind a path prefix', () => {
    expect(tokenOf(`https://chat.example.org/files/${TOKEN}/photo.png`)).toBe(TOKEN);
    expect(tokenOf(`https://chat.example.org/upload/${TOKEN}/photo%20%C3%A9t%C3%A9.png`)).toBe(TOKEN);
    expect(tokenOf(`https://example.org/causerie/files/${TOKEN}/files`)).toBe(TOKEN);
  });

  it('refuses what is not one of its URLs', () => {
    expect(tokenOf('not a url')).toBeUndefined();
    expect(tokenOf(`https://chat.example.org/other/${TOKEN}/x`)).toBeUndefined();
    expect(tokenOf('https://chat.example.org/files/short/x')).toBeUndefined();
    expect(tokenOf(`https://chat.example.org/files/${TOKEN}`)).toBe(TOKEN);
  });
});
