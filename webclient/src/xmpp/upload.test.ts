import { describe, expect, it } from 'vitest';
import { isServerFileUrl } from './upload.js';

describe('isServerFileUrl', () => {
  const hosts = ['chat.example.org', 'chat.example.org:5281'];

  it('recognises GET URLs of this server\'s upload service', () => {
    expect(isServerFileUrl('https://chat.example.org/files/AbCdEfGhIjKlMnOpQrStUv_-/notes%20de%20r%C3%A9union.txt', hosts)).toBe(true);
    expect(isServerFileUrl('https://chat.example.org:5281/files/AbCdEfGhIjKlMnOpQrStUv_-/a.png', hosts)).toBe(true);
  });

  it('refuses other hosts, other paths and other schemes', () => {
    expect(isServerFileUrl('https://evil.example.com/files/AbCdEfGhIjKlMnOpQrStUv_-/a.png', hosts)).toBe(false);
    expect(isServerFileUrl('https://chat.example.org/upload/AbCdEfGhIjKlMnOpQrStUv_-/a.png', hosts)).toBe(false);
    expect(isServerFileUrl('https://chat.example.org/files/a.png', hosts)).toBe(false);
    expect(isServerFileUrl('javascript://chat.example.org/files/x/y', hosts)).toBe(false);
    expect(isServerFileUrl('not a url', hosts)).toBe(false);
  });
});
