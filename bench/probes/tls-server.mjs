// The floor under every Node.js XMPP server: a bare TLS server that accepts
// connections, completes the handshake and keeps each socket open, reading and
// discarding bytes. Mode `direct` is tls.createServer (XEP-0368 direct TLS);
// mode `starttls` accepts plain TCP and wraps the socket in a TLSSocket after
// the first line, as a server does on <starttls/>. Started by tls-floor.ts;
// prints its port on stdout.
import { readFileSync } from 'node:fs';
import { createServer as createTcpServer } from 'node:net';
import { createSecureContext, createServer, TLSSocket } from 'node:tls';

const [mode, certPath, keyPath] = process.argv.slice(2);
const options = { cert: readFileSync(certPath), key: readFileSync(keyPath), minVersion: 'TLSv1.2' };
const open = new Set();
const keep = (socket) => {
  open.add(socket);
  socket.on('data', () => undefined);
  socket.on('error', () => undefined);
  socket.on('close', () => open.delete(socket));
};
const context = createSecureContext(options);
const server = mode === 'starttls'
  ? createTcpServer((raw) => {
      raw.once('data', () => {
        raw.write('proceed\n');
        keep(new TLSSocket(raw, { isServer: true, secureContext: context }));
      });
    })
  : createServer(options, keep);
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
