import { describe, expect, it } from 'vitest';
import { occupantIdFor } from './occupant.js';

describe('XEP-0421 occupant id', () => {
  const secret = Buffer.alloc(32, 7);
  it('is stable per room and account', () => {
    expect(occupantIdFor(secret, 1, 2)).toBe(occupantIdFor(secret, 1, 2));
  });
  it('differs across rooms, accounts and secrets', () => {
    const id = occupantIdFor(secret, 1, 2);
    expect(occupantIdFor(secret, 2, 2)).not.toBe(id);
    expect(occupantIdFor(secret, 1, 3)).not.toBe(id);
    expect(occupantIdFor(Buffer.alloc(32, 8), 1, 2)).not.toBe(id);
    // "12:3" and "1:23" must not collide.
    expect(occupantIdFor(secret, 12, 3)).not.toBe(occupantIdFor(secret, 1, 23));
  });
});
