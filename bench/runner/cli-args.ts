// Command-line parsing for bench/run.ts: `<scenario> [--servers a,b] [--transport tcp|ws] [--<option> N]…`.
import type { ScramHash } from '../load/scram.js';
import type { TransportKind } from '../load/transport.js';
import type { Scenario, ScenarioOptions } from '../scenarios/types.js';
import type { KeyType } from '../servers/tls-cert.js';

export interface RunArgs {
  scenario: Scenario;
  options: ScenarioOptions;
  servers: string[];
  transport: TransportKind;
  hash: ScramHash;
  keyType: KeyType;
  domain: string;
  loginTimeoutMs: number;
  keep: boolean;
  out: string | undefined;
  /** `mam`: the reference servers archive 1:1 messages too (Causerie always does). */
  archive: 'none' | 'mam';
}

export const DEFAULT_SERVERS = ['prosody', 'ejabberd', 'causerie'];

const COMMON_HELP = `Common options:
  --servers a,b,c      servers to run, one after another (default ${DEFAULT_SERVERS.join(',')};
                       unavailable ones are skipped with a note)
  --transport tcp|ws   c2s with STARTTLS (default) or WebSocket over TLS (RFC 7395)
  --hash sha1|sha256   SCRAM-SHA-1 (default, all servers) or SCRAM-SHA-256
  --key rsa2048|ec256  key of the shared self-signed certificate (default rsa2048)
  --domain NAME        XMPP domain served (default bench.localhost)
  --login-timeout MS   per-login timeout (default 15000)
  --out FILE           JSON result path (default bench/results/<time>-<scenario>.json)
  --keep               keep each server's temp dir (config, data, logs)
  --archive none|mam   mam: Prosody (mod_mam, SQLite through LuaDBI when installed)
                       and ejabberd (mod_mam, Mnesia) archive every 1:1 message, as
                       Causerie always does (default none)`;

export function usage(scenarios: readonly Scenario[]): string {
  const lines = ['Usage: npx tsx bench/run.ts <scenario> [options]   (or bench/run.sh …)', '', 'Scenarios:'];
  for (const s of scenarios) {
    lines.push(`  ${s.name.padEnd(10)} ${s.summary}`);
    for (const o of s.options) lines.push(`      --${o.name.padEnd(14)} ${o.help} (default ${o.default})`);
  }
  lines.push('', COMMON_HELP);
  return lines.join('\n');
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`--${flag} must be one of ${allowed.join(', ')}`);
}

export function parseArgs(argv: readonly string[], find: (name: string) => Scenario | undefined): RunArgs {
  const [name, ...rest] = argv;
  const scenario = name ? find(name) : undefined;
  if (!scenario) throw new Error(name ? `unknown scenario "${name}"` : 'no scenario given');
  const options: Record<string, number> = {};
  for (const o of scenario.options) options[o.name] = o.default;
  const args: RunArgs = {
    scenario,
    options,
    servers: DEFAULT_SERVERS,
    transport: 'tcp',
    hash: 'sha1',
    keyType: 'rsa2048',
    domain: 'bench.localhost',
    loginTimeoutMs: 15_000,
    keep: false,
    out: undefined,
    archive: 'none',
  };
  for (let i = 0; i < rest.length; i += 1) {
    const flag = (rest[i] ?? '').replace(/^--/, '');
    if (flag === 'keep') {
      args.keep = true;
      continue;
    }
    const value = rest[i + 1];
    if (value === undefined) throw new Error(`--${flag} needs a value`);
    i += 1;
    if (flag === 'servers') args.servers = value.split(',').filter(Boolean);
    else if (flag === 'transport') args.transport = oneOf(flag, value, ['tcp', 'ws'] as const);
    else if (flag === 'hash') args.hash = oneOf(flag, value, ['sha1', 'sha256'] as const);
    else if (flag === 'key') args.keyType = oneOf(flag, value, ['rsa2048', 'ec256'] as const);
    else if (flag === 'domain') args.domain = value;
    else if (flag === 'login-timeout') args.loginTimeoutMs = Number(value);
    else if (flag === 'out') args.out = value;
    else if (flag === 'archive') args.archive = oneOf(flag, value, ['none', 'mam'] as const);
    else if (flag in options) {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`--${flag} must be a non-negative number`);
      options[flag] = n;
    } else throw new Error(`unknown option --${flag} for scenario ${scenario.name}`);
  }
  return args;
}
