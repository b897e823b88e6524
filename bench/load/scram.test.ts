import { describe, expect, it } from 'vitest';
import { deriveScramKeys, ScramClient } from './scram.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('ScramClient', () => {
  // RFC 5802 §5: user "user", password "pencil".
  it('reproduces the RFC 5802 SCRAM-SHA-1 exchange', async () => {
    const client = new ScramClient('sha1', 'user', 'pencil', 'fyko+d2lbbFgONRv9qkxdawL');
    expect(Buffer.from(client.initialResponse(), 'base64').toString()).toBe('n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    const response = await client.respond(b64('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096'));
    expect(Buffer.from(response, 'base64').toString()).toBe(
      'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
    );
    expect(client.verifySuccess(b64('v=rmF9pqV8S7suAoZWja4dJRkFsKQ='))).toBe(true);
    expect(client.verifySuccess(b64('v=AAAApqV8S7suAoZWja4dJRkFsKQ='))).toBe(false);
  });

  it('rejects a server nonce that does not extend the client nonce', async () => {
    const client = new ScramClient('sha1', 'user', 'pencil', 'abc');
    await expect(client.respond(b64('r=zzz,s=QSXCR+Q6sek8bf92,i=4096'))).rejects.toThrow(/server-first/);
  });

  it('derives SHA-256 keys of the right size', async () => {
    const keys = await deriveScramKeys('sha256', 'pencil', Buffer.from('salt'), 4096);
    expect(keys.storedKey).toHaveLength(32);
    expect(keys.serverKey).toHaveLength(32);
  });
});
