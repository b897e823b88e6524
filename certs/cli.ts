// `causerie certs …`: print the dev CA for users to trust, generate dev
// certificates, and show what a PEM certificate covers. The project's CLI
// passes the arguments after `certs`; this file never touches process.argv.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeCertificate, expiryWarning } from './check.js';
import { parseCertificates, readPemFile } from './pem-files.js';
import { DEV_CERT_FILES, ensureCertificates } from './store.js';

export const CERTS_USAGE = [
  'usage: causerie certs <command>',
  '  print-ca --dir D                              print the development CA and how to trust it',
  '  generate --dir D --domain example.org [--domain …] [--subdomain conference …]',
  '                                                create or refresh the development certificates',
  '  show --file F                                 describe a PEM certificate (names, dates, fingerprint)',
].join('\n');

const TRUST_INSTRUCTIONS =
  'To trust this development CA, save the block above as causerie-ca.pem. ' +
  'Firefox: Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import, ' +
  'tick "Trust this CA to identify websites". Chrome/Edge: import it into the system store ' +
  '(Windows: certmgr > Trusted Root Certification Authorities; macOS: Keychain Access, System, ' +
  'then set "Always Trust"; Linux: chrome://settings/certificates > Authorities). ' +
  'Android: copy the file to the phone, Settings > Security > Encryption & credentials > ' +
  'Install a certificate > CA certificate. iPhone/iPad: open the file (mail or AirDrop), install the ' +
  'profile in Settings > General > VPN & Device Management, then enable it in Settings > General > ' +
  'About > Certificate Trust Settings. Only trust a CA whose key you control: it can vouch for any site.';

/** The dev CA certificate in `dir` followed by instructions to trust it; throws when missing. */
export function printCa(dir: string): string {
  const file = join(dir, DEV_CERT_FILES.ca);
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    const problem = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new Error(`${file}: ${problem} (run "causerie certs generate --dir ${dir} --domain …" first)`, {
      cause: error,
    });
  }
  parseCertificates(pem, file);
  return `${pem.trimEnd()}\n\n${TRUST_INSTRUCTIONS}\n`;
}

/**
 * Run a `certs` sub-command. Returns the exit code: 0 done, 1 failed
 * (message written to `err`), 2 bad usage.
 */
export async function runCertsCommand(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void = out,
): Promise<number> {
  const [command, ...rest] = argv;
  let values: { dir?: string; domain?: string[]; subdomain?: string[]; file?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        dir: { type: 'string' },
        domain: { type: 'string', multiple: true },
        subdomain: { type: 'string', multiple: true },
        file: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    err(`${(error as Error).message}\n${CERTS_USAGE}`);
    return 2;
  }
  try {
    if (command === 'print-ca' && values.dir !== undefined) {
      out(printCa(values.dir));
      return 0;
    }
    if (command === 'generate' && values.dir !== undefined && values.domain !== undefined) {
      const material = await ensureCertificates({
        dir: values.dir,
        domains: values.domain,
        ...(values.subdomain === undefined ? {} : { subdomains: values.subdomain }),
      });
      out(
        `Certificates in ${values.dir}: ${DEV_CERT_FILES.ca} (trust this one), ${DEV_CERT_FILES.server}, ` +
          `${DEV_CERT_FILES.serverKey}\nNames: ${material.names.join(', ')}\n` +
          `Valid until: ${material.notAfter.toISOString()}\n`,
      );
      return 0;
    }
    if (command === 'show' && values.file !== undefined) {
      out(await showCertificate(values.file));
      return 0;
    }
  } catch (error) {
    err(`error: ${(error as Error).message}\n`);
    return 1;
  }
  err(`${CERTS_USAGE}\n`);
  return 2;
}

async function showCertificate(file: string): Promise<string> {
  const pem = await readPemFile(file);
  const chainLength = parseCertificates(pem, file).length;
  const info = describeCertificate(pem);
  const lines = [
    `Subject:     ${info.subject}`,
    `Issuer:      ${info.issuer}`,
    `Names:       ${info.names.join(', ') || '(none)'}`,
    `Not before:  ${info.notBefore.toISOString()}`,
    `Not after:   ${info.notAfter.toISOString()}`,
    `SHA-256:     ${info.fingerprintSha256}`,
  ];
  if (chainLength > 1) lines.push(`Chain:       ${chainLength - 1} more certificate(s) follow`);
  const warning = expiryWarning(info, new Date());
  if (warning !== undefined) lines.push(`Warning:     ${warning}`);
  return `${lines.join('\n')}\n`;
}
