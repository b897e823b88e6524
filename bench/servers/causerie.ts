// Causerie adapter: the built node (`npm run build` → dist/) started with its CLI.
// The `causerie` command (server/bin.ts → server/cli.ts; package.json "bin"):
//   node dist/server/bin.js start --config <file>            (plus CAUSERIE_* env)
//   node dist/server/bin.js account create user@domain --password P
// The config file and CAUSERIE_* variables follow server/config.ts as it was when this
// was written (unknown keys are refused there: keep both in step).
// Accounts: see causerie-accounts.ts (the CLI's own code path, run once for all accounts,
// because one node start per account costs ~0.3 s: minutes for 1000 accounts).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createCauserieAccounts } from './causerie-accounts.js';
import { freePorts, spawnLogged, stopChild, waitForPorts } from './process-util.js';
import type { RunningServer, ServerAdapter, StartOptions } from './types.js';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// bin.js runs the command; cli.js only exports main() (older layouts ran it directly).
const CLI = [path.join(REPO_ROOT, 'dist', 'server', 'bin.js'), path.join(REPO_ROOT, 'dist', 'server', 'cli.js')].find((f) =>
  existsSync(f),
) ?? path.join(REPO_ROOT, 'dist', 'server', 'bin.js');

interface CauseriePorts {
  c2s: number;
  directTls: number;
  https: number;
  admin: number;
}

interface CauserieLayout {
  configPath: string;
  dataDir: string;
  logPath: string;
}

/** A config file in the shape server/config.ts validates (unknown keys are refused there). */
function renderConfig(o: StartOptions, ports: CauseriePorts, layout: CauserieLayout): string {
  const config = {
    domain: o.domain,
    dataDir: layout.dataDir,
    // No database key: the embedded SQLite default (dataDir/causerie.db).
    listen: {
      host: '127.0.0.1',
      c2sPort: ports.c2s,
      directTlsPort: ports.directTls,
      httpsPort: ports.https,
      adminPort: ports.admin,
    },
    tls: { certFile: o.cert.certPath, keyFile: o.cert.keyPath },
    // Prosody and ejabberd run without rate limits here; so does Causerie.
    limits: {
      maxConnectionsPerIp: 1_000_000,
      connectionRatePerIp: 1_000_000,
      messageRate: 1_000_000,
      messageBurst: 1_000_000,
    },
    log: { level: 'warn' },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** The same settings as CAUSERIE_* variables (server/config.ts ENVIRONMENT), for every CLI call. */
/** The V8 flags every launcher of the node uses (package.json "config.nodeFlags"). */
function launcherNodeFlags(): string {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { config?: { nodeFlags?: string } };
  return pkg.config?.nodeFlags ?? '';
}

function causerieEnv(o: StartOptions, ports: CauseriePorts, layout: CauserieLayout): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    CAUSERIE_CONFIG: layout.configPath,
    CAUSERIE_DOMAIN: o.domain,
    CAUSERIE_DATA_DIR: layout.dataDir,
    CAUSERIE_LISTEN_HOST: '127.0.0.1',
    CAUSERIE_C2S_PORT: String(ports.c2s),
    CAUSERIE_DIRECT_TLS_PORT: String(ports.directTls),
    CAUSERIE_HTTPS_PORT: String(ports.https),
    CAUSERIE_ADMIN_PORT: String(ports.admin),
    CAUSERIE_TLS_CERT: o.cert.certPath,
    CAUSERIE_TLS_KEY: o.cert.keyPath,
    CAUSERIE_LOG_LEVEL: 'warn',
    // The launcher's V8 flags (package.json config.nodeFlags), unless a run
    // overrides them to compare settings: BENCH_CAUSERIE_NODE_OPTIONS='' runs V8's defaults.
    NODE_OPTIONS: process.env.BENCH_CAUSERIE_NODE_OPTIONS ?? launcherNodeFlags(),
  };
}

export const causerieAdapter: ServerAdapter = {
  name: 'causerie',

  async unavailableReason() {
    try {
      await access(CLI);
      return undefined;
    } catch {
      return `${path.relative(process.cwd(), CLI)} not found (run \`npm run build\` once the node exists)`;
    }
  },

  async version() {
    try {
      const { stdout } = await run(process.execPath, [CLI, 'version']);
      return `Causerie ${stdout.trim()}`;
    } catch {
      return 'Causerie (version unknown)';
    }
  },

  async start(o: StartOptions): Promise<RunningServer> {
    const layout: CauserieLayout = {
      configPath: path.join(o.workDir, 'causerie.json'),
      dataDir: path.join(o.workDir, 'data'),
      // The node logs to stdout/stderr; the adapter sends both here.
      logPath: path.join(o.workDir, 'causerie.log'),
    };
    await mkdir(layout.dataDir, { recursive: true });
    const [c2s, directTls, https, admin] = (await freePorts(4)) as [number, number, number, number];
    const ports: CauseriePorts = { c2s, directTls, https, admin };
    await writeFile(layout.configPath, renderConfig(o, ports, layout));
    const env = causerieEnv(o, ports, layout);
    o.log(`causerie: c2s ${c2s}, https/websocket ${https}, dir ${o.workDir}`);
    // Accounts first, into the database the node will open.
    const t0 = performance.now();
    const way = await createCauserieAccounts({ cli: CLI, configPath: layout.configPath, env, cwd: REPO_ROOT, domain: o.domain, users: o.users });
    const userCreationSeconds = (performance.now() - t0) / 1000;
    o.log(`causerie: ${o.users.length} accounts created ${way === 'cli' ? 'with the CLI, one process each' : 'in one process'}`);
    const server = spawnLogged(process.execPath, [CLI, 'start', '--config', layout.configPath], {
      cwd: REPO_ROOT,
      env,
      logPath: layout.logPath,
    });
    try {
      await waitForPorts(server, '127.0.0.1', [c2s, https], 30_000, layout.logPath);
    } catch (err) {
      await stopChild(server);
      throw err;
    }
    return {
      endpoints: { domain: o.domain, host: '127.0.0.1', c2sPort: c2s, websocketUrl: `wss://127.0.0.1:${https}/xmpp-websocket` },
      userCreationSeconds,
      logPath: layout.logPath,
      pids: () => (server.child.pid ? [server.child.pid] : []),
      stop: () => stopChild(server),
    };
  },
};
