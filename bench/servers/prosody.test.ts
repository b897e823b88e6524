import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { prosodyAccountFile, prosodyPathEncode } from './prosody.js';

describe('prosody account files', () => {
  it('encodes paths like util/datamanager.lua', () => {
    expect(prosodyPathEncode('bench.localhost')).toBe('bench%2elocalhost');
    expect(prosodyPathEncode('u000001')).toBe('u000001');
  });

  it('stores SCRAM-SHA-1 keys Prosody can check the password against', async () => {
    const lua = await prosodyAccountFile('pw-u1', 4096);
    const field = (name: string): string => {
      const m = new RegExp(`\\["${name}"\\] = "?([^";]*)"?;`).exec(lua);
      if (!m?.[1]) throw new Error(`no ${name} in ${lua}`);
      return m[1];
    };
    expect(lua.startsWith('return {')).toBe(true);
    expect(field('iteration_count')).toBe('4096');
    // mod_auth_internal_hashed uses the salt string's bytes as the salt.
    const salted = pbkdf2Sync('pw-u1', Buffer.from(field('salt')), 4096, 20, 'sha1');
    const clientKey = createHmac('sha1', salted).update('Client Key').digest();
    expect(field('stored_key')).toBe(createHash('sha1').update(clientKey).digest('hex'));
    expect(field('server_key')).toBe(createHmac('sha1', salted).update('Server Key').digest('hex'));
  });
});
