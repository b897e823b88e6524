// The contract every benchmarked server adapter fulfils (Prosody, ejabberd, Causerie).
//
// An adapter starts one private instance of its server:
// - bound to 127.0.0.1 only, on free ports it picks itself;
// - with its own generated config, data and logs inside `StartOptions.workDir`
//   (a fresh temporary directory owned by the runner), never touching a system instance;
// - serving `StartOptions.domain` with the shared self-signed certificate `StartOptions.cert`
//   (c2s with STARTTLS required, and a secure WebSocket endpoint when it can);
// - with every account of `StartOptions.users` created before `start()` resolves, by the
//   fastest supported way (the time it took is reported back in `userCreationSeconds`);
// - with storage and modules kept comparable: SCRAM-SHA-1 keys stored (not plaintext),
//   no MAM, no offline storage, no rate limits or traffic shapers, logs at warning level;
// - when `StartOptions.rooms` is set (the muc scenario), also a XEP-0045 service on
//   conference.<domain> whose rooms are archived (XEP-0313), still without user MAM.
//
// The runner then measures the process tree under `pids()` from /proc, drives load at
// `endpoints`, and calls `stop()`, which must end every process the adapter started
// (by PID, never by name) and resolve only once they are gone.

export interface BenchUser {
  /** Local part only, e.g. `u000001`. */
  username: string;
  password: string;
}

export interface CertFiles {
  /** PEM certificate (self-signed, SANs: domain and conference.domain). */
  certPath: string;
  /** PEM private key. */
  keyPath: string;
  /** Certificate then key in one file (what ejabberd wants). */
  combinedPath: string;
}

export interface StartOptions {
  /** Empty directory for config, data and logs; removed by the runner unless `--keep`. */
  workDir: string;
  domain: string;
  cert: CertFiles;
  users: readonly BenchUser[];
  /** Run a MUC service on conference.<domain> with room archives (MAM). */
  rooms?: boolean;
  /** Archive 1:1 messages (XEP-0313) like Causerie does (`--archive mam`). */
  userArchive?: boolean;
  log: (message: string) => void;
}

export interface ServerEndpoints {
  domain: string;
  host: string;
  /** c2s port, STARTTLS required. */
  c2sPort: number;
  /** `wss://127.0.0.1:<port>/<path>`, absent when the server has no WebSocket listener. */
  websocketUrl?: string;
}

export interface RunningServer {
  readonly endpoints: ServerEndpoints;
  /** Seconds spent creating `StartOptions.users`. */
  readonly userCreationSeconds: number;
  /** Root PIDs of the server: the runner measures these and all their descendants. */
  pids(): number[];
  /** Where the server logs, for a human to read after a failed run. */
  readonly logPath: string;
  /** Ends every process the adapter started and waits until they have exited. */
  stop(): Promise<void>;
}

export interface ServerAdapter {
  /** Short name used on the command line (`--servers prosody,ejabberd`). */
  readonly name: string;
  /** undefined when the server can be started here; otherwise why not. */
  unavailableReason(): Promise<string | undefined>;
  /** Version string for the report, e.g. `Prosody 0.12.3`. */
  version(): Promise<string>;
  start(options: StartOptions): Promise<RunningServer>;
}
