// Resident memory and CPU time of a server's process tree, read from /proc.
// proc(5): /proc/<pid>/stat fields 14–15 (utime, stime in clock ticks), /proc/<pid>/status VmRSS
// — https://man7.org/linux/man-pages/man5/proc.5.html
// Whole trees, because ejabberd's beam has helper children and a server may fork workers.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcSample {
  /** Sum of VmRSS over the tree, KiB. */
  rssKiB: number;
  /** Sum of utime + stime over the tree, seconds. */
  cpuSeconds: number;
  pids: number[];
  /** Monotonic time of the sample, ms. */
  at: number;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface StatFields {
  ppid: number;
  ticks: number;
}

function readStat(pid: number): StatFields | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state): field n is rest[n - 3].
    return { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return undefined;
  }
}

function readRssKiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The given PIDs and all their descendants that are alive now. */
export function processTree(roots: readonly number[]): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const st = readStat(pid);
    if (!st) continue;
    const list = children.get(st.ppid) ?? [];
    list.push(pid);
    children.set(st.ppid, list);
  }
  const out: number[] = [];
  const todo = [...roots];
  const seen = new Set<number>();
  while (todo.length > 0) {
    const pid = todo.pop() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    if (readStat(pid)) out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

export function sampleProcesses(roots: readonly number[]): ProcSample {
  const pids = processTree(roots);
  let ticks = 0;
  let rssKiB = 0;
  for (const pid of pids) {
    ticks += readStat(pid)?.ticks ?? 0;
    rssKiB += readRssKiB(pid);
  }
  return { rssKiB, cpuSeconds: ticks / clockTicks(), pids, at: performance.now() };
}

/** CPU-seconds the tree used between two samples. */
export function cpuBetween(before: ProcSample, after: ProcSample): number {
  return after.cpuSeconds - before.cpuSeconds;
}
