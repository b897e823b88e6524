// A SCRAM client written from RFC 5802 / RFC 7677 for tests, with channel
// binding (RFC 9266 tls-exporter, RFC 5929 tls-unique) taken from the
// client's TLS socket.

import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { TLSSocket } from 'node:tls';

export type ScramClientHash = 'sha1' | 'sha256';

export interface ScramClientExchange {
  first: string;
  final(serverFirst: string): string;
  verify(serverFinal: string): boolean;
}

export function clientBinding(socket: TLSSocket, type: 'tls-exporter' | 'tls-unique'): Buffer {
  if (type === 'tls-exporter') return socket.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', Buffer.alloc(0));
  const finished = socket.isSessionReused() ? socket.getPeerFinished() : socket.getFinished();
  if (!finished) throw new Error('no Finished message');
  return finished;
}

export function scramClient(username: string, password: string, hash: ScramClientHash, binding?: { type: string; data: Buffer }): ScramClientExchange {
  const nonce = randomBytes(18).toString('base64');
  const gs2 = binding ? `p=${binding.type},,` : 'n,,';
  const bare = `n=${username},r=${nonce}`;
  let authMessage = '';
  let serverKey = Buffer.alloc(0);
  return {
    first: gs2 + bare,
    final(serverFirst) {
      const fields = Object.fromEntries(serverFirst.split(',').map((f) => [f[0], f.slice(2)]));
      const salted = pbkdf2Sync(password.normalize('NFKC'), Buffer.from(fields.s ?? '', 'base64'), Number(fields.i), hash === 'sha1' ? 20 : 32, hash);
      const clientKey = createHmac(hash, salted).update('Client Key').digest();
      serverKey = createHmac(hash, salted).update('Server Key').digest();
      const channel = Buffer.concat([Buffer.from(gs2), binding?.data ?? Buffer.alloc(0)]).toString('base64');
      const withoutProof = `c=${channel},r=${fields.r ?? ''}`;
      authMessage = `${bare},${serverFirst},${withoutProof}`;
      const signature = createHmac(hash, createHash(hash).update(clientKey).digest()).update(authMessage).digest();
      const proof = Buffer.from(clientKey.map((byte, i) => byte ^ (signature[i] ?? 0)));
      return `${withoutProof},p=${proof.toString('base64')}`;
    },
    verify(serverFinal) {
      return serverFinal === `v=${createHmac(hash, serverKey).update(authMessage).digest('base64')}`;
    },
  };
}
