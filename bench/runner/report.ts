// Side-by-side table (metrics as rows, servers as columns) and the JSON result file.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Metric } from '../scenarios/types.js';
import type { MachineInfo } from './machine.js';

export interface ServerOutcome {
  server: string;
  version: string;
  userCount: number;
  userCreationSeconds: number;
  metrics: Metric[];
  notes: string[];
  error?: string;
}

export interface RunReport {
  scenario: string;
  options: Readonly<Record<string, number>>;
  common: Readonly<Record<string, string | number | boolean>>;
  command: string;
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  /** 1/5/15-minute load averages when the run started: other work on the machine skews latencies. */
  loadAverageAtStart: number[];
  results: ServerOutcome[];
}

function format(m: Metric | undefined): string {
  if (!m) return '—';
  if (!Number.isFinite(m.value)) return 'n/a';
  return `${m.value.toFixed(m.digits)}${m.unit ? ` ${m.unit}` : ''}`;
}

export function renderTable(outcomes: readonly ServerOutcome[]): string {
  const keys: Metric[] = [];
  for (const o of outcomes) for (const m of o.metrics) if (!keys.some((k) => k.key === m.key)) keys.push(m);
  const header = ['metric', ...outcomes.map((o) => o.server)];
  const rows = keys.map((k) => [k.label, ...outcomes.map((o) => (o.error ? 'failed' : format(o.metrics.find((m) => m.key === k.key))))]);
  rows.push(['accounts created in', ...outcomes.map((o) => `${o.userCreationSeconds.toFixed(1)} s (${o.userCount})`)]);
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((r) => (r[c] ?? '').length)));
  const line = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  for (const o of outcomes) {
    if (o.error) out.push(`${o.server}: ERROR ${o.error}`);
    for (const n of o.notes) out.push(`${o.server}: ${n}`);
  }
  return out.join('\n');
}

export async function writeReport(report: RunReport, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}
