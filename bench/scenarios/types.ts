// What a benchmark scenario is: named numeric options, how many accounts it needs,
// and a run against one started server that returns metrics. Adding a scenario is
// one file exporting a `Scenario`, listed in ./index.ts.
import type { ProcSample } from '../load/proc-stats.js';
import type { ScramHash } from '../load/scram.js';
import type { TransportKind } from '../load/transport.js';
import type { ClientOptions } from '../load/xmpp-client.js';
import type { BenchUser, RunningServer } from '../servers/types.js';

export interface OptionSpec {
  /** Command-line name without dashes, e.g. `connections` for `--connections 1000`. */
  name: string;
  default: number;
  help: string;
}

export type ScenarioOptions = Readonly<Record<string, number>>;

/** Options shared by every scenario (see bench/run.ts --help). */
export interface CommonOptions {
  transport: TransportKind;
  hash: ScramHash;
  /** Per-login timeout, ms. */
  loginTimeoutMs: number;
}

export interface ScenarioContext {
  server: RunningServer;
  /** The accounts created on the server, `usersNeeded()` of them. */
  users: readonly BenchUser[];
  common: CommonOptions;
  /** Client options to log `user` in with `resource` on this server and transport. */
  clientOptions(user: BenchUser, resource: string, presence: boolean): ClientOptions;
  /** RSS and CPU of the server's process tree now. */
  sample(): ProcSample;
  log(message: string): void;
}

export interface Metric {
  key: string;
  label: string;
  value: number;
  unit: string;
  /** Decimals when printed. */
  digits: number;
}

export interface ScenarioResult {
  metrics: Metric[];
  notes: string[];
}

export interface Scenario {
  name: string;
  summary: string;
  options: readonly OptionSpec[];
  /** The servers must run a MUC service with room archives (StartOptions.rooms). */
  needsRooms?: boolean;
  usersNeeded(options: ScenarioOptions): number;
  run(ctx: ScenarioContext, options: ScenarioOptions): Promise<ScenarioResult>;
}

export function metric(key: string, label: string, value: number, unit = '', digits = 1): Metric {
  return { key, label, value, unit, digits };
}

/** Reads an option the scenario declared; the runner has filled every default. */
export function opt(options: ScenarioOptions, name: string): number {
  const v = options[name];
  if (v === undefined) throw new Error(`option --${name} missing`);
  return v;
}
