// Typed driver for test/interop/slixmpp_agent.py: an XMPP client Causerie did not write
// (Debian python3-slixmpp), spoken to in JSON lines. Protocol: docs/INTEROP.md.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const AGENT_SCRIPT = `${REPO_ROOT}test/interop/slixmpp_agent.py`;
export const DEBIAN_PYTHON = '/usr/bin/python3';
const DEFAULT_TIMEOUT_MS = 10_000;
/** Extra wait on our side so the agent's own timeout answers first. */
const TIMEOUT_MARGIN_MS = 2_000;
const CLOSE_GRACE_MS = 3_000;

// ---- wire types (snake_case, as on the wire) ----------------------------------------

export type Mechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-1' | 'SCRAM-SHA-256-PLUS' | 'SCRAM-SHA-1-PLUS' | 'PLAIN';
export interface ConnectArgs {
  jid: string; password: string; port: number; host?: string;
  mode?: 'starttls' | 'direct_tls'; ca_file?: string; mechanism?: Mechanism; resource?: string;
}
export interface RosterItem {
  jid: string; name: string | null; subscription: 'none' | 'to' | 'from' | 'both' | 'remove';
  ask: string | null; groups: string[];
}
export interface ArchivedMessage {
  stanza_id: string; from: string; to: string; type: string; id: string | null;
  body: string | null; timestamp: string | null;
}
/** The XEP-0045 part of a room presence (muc#user): item and status codes. */
export interface MucPresence {
  statuses: string[]; role: string | null; affiliation: string | null; jid: string | null; reason: string | null;
}
export interface DiscoIdentity { category: string; type: string; lang: string | null; name: string | null }
type NoArgs = Record<string, never>;
type Empty = Record<string, never>;

/** Every command: its arguments and the fields of its ok:true answer. */
export interface AgentCommands {
  connect: { args: ConnectArgs; result: { jid: string; mechanism: string | null } };
  disconnect: { args: NoArgs; result: Empty };
  quit: { args: NoArgs; result: Empty };
  send_presence: {
    args: { to?: string; type?: string; show?: 'away' | 'chat' | 'dnd' | 'xa'; status?: string; priority?: number };
    result: Empty;
  };
  subscribe: { args: { jid: string }; result: Empty };
  subscribed: { args: { jid: string }; result: Empty };
  roster_get: { args: NoArgs; result: { items: RosterItem[]; ver: string | null } };
  roster_set: { args: { jid: string; name?: string; groups?: string[] }; result: Empty };
  roster_remove: { args: { jid: string }; result: Empty };
  send_message: {
    /** `replace`: the id of the message this one corrects (XEP-0308). */
    args: { to: string; body?: string; type?: 'chat' | 'normal' | 'headline' | 'groupchat'; id?: string; replace?: string };
    result: { message_id: string };
  };
  send_raw: { args: { xml: string }; result: Empty };
  enable_carbons: { args: NoArgs; result: Empty };
  disable_carbons: { args: NoArgs; result: Empty };
  mam_query: {
    /** `fulltext`: the `{urn:xmpp:fulltext:0}fulltext` search field. */
    args: { archive?: string; with?: string; start?: string; end?: string; max?: number; after?: string; before?: string; fulltext?: string };
    result: { messages: ArchivedMessage[]; complete: boolean; first: string | null; last: string | null; count: number | null };
  };
  disco_info: { args: { jid?: string; node?: string }; result: { identities: DiscoIdentity[]; features: string[] } };
  disco_items: {
    args: { jid?: string; node?: string };
    result: { items: { jid: string; node: string | null; name: string | null }[] };
  };
  ping: { args: { jid?: string }; result: Empty };
  vcard_get: { args: { jid?: string }; result: { fn: string | null; nickname: string | null; xml: string } };
  vcard_set: { args: { fn?: string; nickname?: string }; result: Empty };
  version: { args: { jid?: string }; result: { name: string | null; version: string | null; os: string | null } };
  iq_raw: { args: { xml: string }; result: { type: 'result' | 'error'; xml: string } };
  /** XEP-0045 join with slixmpp's join_muc_wait; fails with the presence error's condition. */
  muc_join: {
    args: { room: string; nick: string; maxstanzas?: number };
    result: { nick: string; muc: MucPresence | null; subject: string | null; occupants: string[]; history: Omit<MessageEvent, 'event' | 'carbon'>[] };
  };
  /** XEP-0363 with slixmpp's plugin: disco, slot, PUT (aiohttp); `data` is base64. */
  http_upload: { args: { filename: string; data: string; content_type?: string; ca_file?: string }; result: { url: string; max_file_size: number } };
}
export type AgentCommandName = keyof AgentCommands;

export interface MessageEvent {
  event: 'message'; from: string; to: string; type: string; id: string | null; body: string | null;
  stanza_id: string | null; delay: string | null; carbon: 'sent' | 'received' | null; error?: string;
  /** The id an XEP-0308 correction replaces. */
  replace: string | null;
}
export interface PresenceEvent {
  event: 'presence'; from: string; to: string; type: string; show: string | null;
  status: string | null; priority: number;
  /** Room presences only (XEP-0045 muc#user). */
  muc: MucPresence | null;
}
export interface RosterPushEvent { event: 'roster_push'; items: RosterItem[]; ver: string | null }
export interface DisconnectedEvent { event: 'disconnected'; reason: string | null }
export interface ReadyEvent { event: 'ready'; slixmpp: string; pid: number }
export type AgentEvent = MessageEvent | PresenceEvent | RosterPushEvent | DisconnectedEvent | ReadyEvent;
export type AgentEventName = AgentEvent['event'];
export type EventOf<E extends AgentEventName> = Extract<AgentEvent, { event: E }>;

/** A command answered ok:false; `condition` is the agent's error text. */
export class AgentCommandError extends Error {
  readonly condition: string;
  constructor(cmd: string, condition: string, text?: string) {
    super(`${cmd}: ${condition}${text ? ` (${text})` : ''}`);
    this.name = 'AgentCommandError';
    this.condition = condition;
  }
}

export interface CallOptions { timeoutMs?: number }
export interface StartOptions {
  python?: string;
  /** SLIXMPP_AGENT_LOG level for the agent's stderr, e.g. 'DEBUG'. */
  logLevel?: string;
}

interface Pending { cmd: string; resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
interface Waiter { matches: (e: AgentEvent) => boolean; resolve: (e: AgentEvent) => void; reject: (e: Error) => void }

export class SlixmppAgent {
  /** Every event received, oldest first. */
  readonly events: AgentEvent[] = [];
  readonly pid: number;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<string, Pending>();
  private readonly waiters = new Set<Waiter>();
  private readonly claimed = new Set<AgentEvent>();
  private readonly exited: Promise<void>;
  private stderrText = '';
  private nextId = 1;
  private exitError: Error | undefined;

  constructor(child: ChildProcessWithoutNullStreams) {
    if (child.pid === undefined) throw new Error('slixmpp agent did not start');
    this.child = child;
    this.pid = child.pid;
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrText = (this.stderrText + chunk.toString()).slice(-20_000);
    });
    createInterface({ input: child.stdout }).on('line', (line) => this.onLine(line));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitError = new Error(`slixmpp agent exited (${code ?? signal}): ${this.stderrText.slice(-2000)}`);
        for (const p of this.pending.values()) {
          clearTimeout(p.timer);
          p.reject(this.exitError);
        }
        this.pending.clear();
        for (const waiter of this.waiters) waiter.reject(this.exitError);
        resolve();
      });
    });
  }

  /** What the agent wrote on stderr (last 20 kB), for failure messages. */
  get stderr(): string {
    return this.stderrText;
  }

  /** Runs one command; rejects with AgentCommandError on ok:false. */
  call<C extends AgentCommandName>(cmd: C, args?: AgentCommands[C]['args'], options?: CallOptions): Promise<AgentCommands[C]['result']>;
  call<T>(cmd: string, args?: Record<string, unknown>, options?: CallOptions): Promise<T>;
  call(cmd: string, args: object = {}, options: CallOptions = {}): Promise<unknown> {
    if (this.exitError) return Promise.reject(this.exitError);
    const id = `c${this.nextId++}`;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${cmd}: no answer from the slixmpp agent within ${timeoutMs + TIMEOUT_MARGIN_MS} ms`));
      }, timeoutMs + TIMEOUT_MARGIN_MS);
      this.pending.set(id, { cmd, resolve, reject, timer });
      this.child.stdin.write(`${JSON.stringify({ id, cmd, args, timeout: timeoutMs / 1000 })}\n`);
    }).then(({ id: _id, ok: _ok, ...result }) => result);
  }

  /**
   * Resolves with the oldest event of that kind matching `predicate` that no earlier
   * waitFor returned, looking at past events first, so a test cannot miss an event
   * that arrived before it started waiting.
   */
  waitFor<E extends AgentEventName>(event: E, predicate: (e: EventOf<E>) => boolean = () => true, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<EventOf<E>> {
    const matches = (e: AgentEvent): e is EventOf<E> => e.event === event && !this.claimed.has(e) && predicate(e as EventOf<E>);
    const past = this.events.find(matches);
    if (past) {
      this.claimed.add(past);
      return Promise.resolve(past);
    }
    if (this.exitError) return Promise.reject(this.exitError);
    return new Promise<EventOf<E>>((resolve, reject) => {
      const waiter: Waiter = {
        matches,
        resolve: (e) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          this.claimed.add(e);
          resolve(e as EventOf<E>);
        },
        reject: (e) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no '${event}' event matching the predicate within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Sends quit, then kills the agent by PID if it has not left after a grace period. */
  async close(): Promise<void> {
    if (this.exitError) return;
    await this.call('quit', {}, { timeoutMs: CLOSE_GRACE_MS }).catch(() => undefined);
    this.child.stdin.end();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), CLOSE_GRACE_MS)));
    const outcome = await Promise.race([this.exited, grace]);
    clearTimeout(timer);
    if (outcome === 'timeout' && !this.exitError) {
      process.kill(this.pid, 'SIGKILL');
      await this.exited;
    }
  }

  private onLine(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.stderrText += `[stdout] ${line}\n`; // not protocol: keep it for diagnostics
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const record = message as Record<string, unknown>;
    if (typeof record.event === 'string') {
      const event = record as unknown as AgentEvent;
      this.events.push(event);
      for (const waiter of this.waiters) {
        if (waiter.matches(event)) {
          waiter.resolve(event);
          break; // one event satisfies one waiter
        }
      }
      return;
    }
    const pending = typeof record.id === 'string' ? this.pending.get(record.id) : undefined;
    if (!pending || typeof record.id !== 'string') return;
    this.pending.delete(record.id);
    clearTimeout(pending.timer);
    if (record.ok === true) pending.resolve(record);
    else pending.reject(new AgentCommandError(pending.cmd, String(record.error ?? 'error'), typeof record.text === 'string' ? record.text : undefined));
  }
}

/** Spawns the agent with Debian's Python and waits for its `ready` event. */
export async function startSlixmppAgent(options: StartOptions = {}): Promise<SlixmppAgent> {
  const child = spawn(options.python ?? DEBIAN_PYTHON, [AGENT_SCRIPT], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1', SLIXMPP_AGENT_LOG: options.logLevel ?? 'WARNING' },
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const agent = new SlixmppAgent(child);
  try {
    await agent.waitFor('ready', () => true, DEFAULT_TIMEOUT_MS);
  } catch (err) {
    await agent.close();
    throw new Error(`slixmpp agent not ready: ${String(err)}\n${agent.stderr}`);
  }
  return agent;
}
