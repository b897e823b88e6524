import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printCa, runCertsCommand } from './cli.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'causerie-certs-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCertsCommand(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('runCertsCommand', () => {
  it('generates, prints the CA and shows the server certificate', async () => {
    const dir = join(root, 'data');
    const generated = await run(['generate', '--dir', dir, '--domain', 'example.org', '--domain', 'two.test']);
    expect(generated).toMatchObject({ code: 0, err: '' });
    expect(generated.out).toContain('conference.two.test');
    expect(generated.out).toContain('ca.pem (trust this one)');

    const printed = await run(['print-ca', `--dir=${dir}`]);
    expect(printed.code).toBe(0);
    expect(printed.out).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n\nTo trust/);
    expect(printed.out).toBe(printCa(dir));

    const shown = await run(['show', '--file', join(dir, 'server.pem')]);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('Subject:     CN=example.org, O=Causerie');
    expect(shown.out).toMatch(/Issuer: +CN=Causerie development CA \(/);
    expect(shown.out).toContain('upload.example.org');
    expect(shown.out).toMatch(/SHA-256: +([0-9A-F]{2}:){31}[0-9A-F]{2}\n/);
    expect(shown.out).not.toContain('Warning');
  });

  it('takes the subdomain list from --subdomain', async () => {
    const result = await run(['generate', '--dir', join(root, 'sub'), '--domain', 'a.test', '--subdomain', 'muc']);
    expect(result.out).toContain('Names: a.test, muc.a.test, localhost, 127.0.0.1, ::1\n');
  });

  it('reports missing files with exit code 1 and the file name', async () => {
    const dir = join(root, 'empty');
    const printed = await run(['print-ca', '--dir', dir]);
    expect(printed.code).toBe(1);
    expect(printed.err).toContain(`${join(dir, 'ca.pem')}: file not found`);
    expect(() => printCa(dir)).toThrow(/causerie certs generate/);

    const shown = await run(['show', '--file', join(dir, 'x.pem')]);
    expect(shown).toMatchObject({ code: 1, out: '' });
    expect(shown.err).toContain(`${join(dir, 'x.pem')}: file not found`);
  });

  it('prints usage with exit code 2 on bad arguments', async () => {
    for (const argv of [[], ['frobnicate'], ['generate', '--dir', root], ['show', '--bogus', 'x'], ['print-ca']]) {
      const result = await run(argv);
      expect(result.code).toBe(2);
      expect(result.err).toContain('usage: causerie certs');
    }
  });
});
