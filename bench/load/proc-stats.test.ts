import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processTree, sampleProcesses } from './proc-stats.js';

describe('proc-stats', () => {
  it('finds children in the tree and sums their memory', async () => {
    const child = spawn('sleep', ['5']);
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(processTree([process.pid])).toContain(child.pid);
      const own = sampleProcesses([process.pid]);
      const childOnly = sampleProcesses([child.pid as number]);
      expect(own.rssKiB).toBeGreaterThan(childOnly.rssKiB);
      expect(childOnly.rssKiB).toBeGreaterThan(0);
      expect(own.cpuSeconds).toBeGreaterThan(0);
    } finally {
      child.kill();
    }
  });

  it('reports nothing for a PID that does not exist', () => {
    expect(sampleProcesses([2 ** 22 + 1])).toMatchObject({ rssKiB: 0, cpuSeconds: 0, pids: [] });
  });
});
