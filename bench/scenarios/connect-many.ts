// Logs many clients in with bounded concurrency and closes them again: the common
// first and last step of the idle and chat scenarios.
import { failureSummary, runBounded } from '../load/bounded.js';
import { XmppClient } from '../load/xmpp-client.js';
import type { BenchUser } from '../servers/types.js';
import type { ScenarioContext } from './types.js';

export interface Connected {
  clients: XmppClient[];
  failed: number;
  failures: string[];
  seconds: number;
}

/** Logs each of `users` in (resource `resource`); failed logins are counted, not thrown. */
export async function connectMany(
  ctx: ScenarioContext,
  users: readonly BenchUser[],
  concurrency: number,
  resource: string,
  presence: boolean,
  setup?: (client: XmppClient, index: number) => void,
): Promise<Connected> {
  const t0 = performance.now();
  const results = await runBounded(users.length, concurrency, async (i) => {
    const client = new XmppClient(ctx.clientOptions(users[i] as BenchUser, resource, presence));
    setup?.(client, i);
    await client.login();
    return client;
  });
  const clients: XmppClient[] = [];
  for (const r of results) if (r.status === 'fulfilled') clients.push(r.value);
  return {
    clients,
    failed: results.length - clients.length,
    failures: failureSummary(results),
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Closes every client politely, `concurrency` at a time. */
export async function closeMany(clients: readonly XmppClient[], concurrency = 200): Promise<void> {
  await runBounded(clients.length, concurrency, (i) => (clients[i] as XmppClient).close(2000));
}
