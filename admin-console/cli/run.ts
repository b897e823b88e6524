// `causerie-admin`: the WebAdmin's operations from a terminal or a script,
// through the REST API with an API token. `login` creates the token.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AdminClient, ApiError, ConnectionError, type Json } from './http-client.js';
import { COMMANDS, UsageError } from './commands.js';
import { render } from './format.js';

export const ADMIN_USAGE = `Usage: causerie-admin [--url URL] [--token TOKEN] [--ca FILE] [--json] <command> …

Connection (or environment CAUSERIE_ADMIN_URL, CAUSERIE_ADMIN_TOKEN, CAUSERIE_ADMIN_CA):
  --url URL        the WebAdmin, e.g. https://chat.example.org:9443
  --token TOKEN    an API token (from "login")
  --ca FILE        a CA certificate to trust (development CA: causerie certs print-ca)
  --json           print the API's JSON answer

Commands:
  login <jid> --password P [--name NAME]     create an API token (printed once)
  status | audit [--limit N]
  teamchat start | teamchat stop --current-password P
  tokens list | tokens revoke <id>
  domains list | show <name> | create <name> [--kind guest] [--description D]
  domains set <name> groupware=on|off webdav=on|off teamchat=on|off description=…
  domains add-admin <name> <account id|jid> --current-password P | domains remove-admin <name> <account id|jid>
  accounts list [--domain D] [--search S] [--kind user|guest] [--limit N] [--offset N]
  accounts show|disable|enable <id|jid>
  accounts create <jid> --password P [--first-name F] [--last-name L] [--email E] [--admin --current-password P]
  accounts set <id|jid> firstName=… teamchat=on|off|inherit … [serverAdmin=on --current-password P]
  accounts quota <id|jid> <size>|default      upload quota, e.g. 500M or 2G (powers of 1024)
  accounts passwd <id|jid> --password P --current-password P
  accounts delete <id|jid> --current-password P
  groups list [--domain D] [--search S] | show|rooms <id> | delete <id> --current-password P
  groups create <domain> <alias> <name> [--access open|restricted|private]
  groups set <id> name=… access=…
  groups add-member <id> account:<jid>|domain:<name>|group:<id>
  groups remove-member <id> account:<id>|domain:<id>|group:<id>
  groups add-manager|remove-manager <id> <account id|jid>
  groups teamchat <id> on|off | groups add-room <id> <name>
  groups requests <id> | groups approve|reject <id> <request id>
  rooms show <id>
  rights list group:<id>|room:<id>
  rights grant group:<id>|room:<id> account:<id>|group:<id>|domain:<id> reader|author|administrator|read,write,…
  rights revoke group:<id>|room:<id> account:<id>|group:<id>|domain:<id>
  guests list [--search S] | show <id> | set <id> firstName=… | reset-password <id> [--password P] --current-password P
  guests delete <id>… --current-password P
  discovery show | public-host <host> | add-host <service> <host> <port> <mode> | remove-host <id>
  discovery set-host <id> <service> <host> <port> <mode>
  discovery set-url <name> <https URL> | remove-url <name> | check <URL>
  api <METHOD> <path> [JSON]                 any endpoint (see /api/openapi.json)

Exit status: 0 done, 1 refused by the server, 2 wrong usage, 3 cannot connect.
`;

type Out = (line: string) => void;

export async function runAdminCli(argv: string[], out: Out, err: Out, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        ca: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        password: { type: 'string' },
        'current-password': { type: 'string' },
        name: { type: 'string' },
        domain: { type: 'string' },
        search: { type: 'string' },
        kind: { type: 'string' },
        limit: { type: 'string' },
        offset: { type: 'string' },
        description: { type: 'string' },
        access: { type: 'string' },
        'first-name': { type: 'string' },
        'last-name': { type: 'string' },
        'display-name': { type: 'string' },
        email: { type: 'string' },
        admin: { type: 'boolean' },
      },
    });
  } catch (error) {
    err((error as Error).message);
    err(ADMIN_USAGE);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    (values.help ? out : err)(ADMIN_USAGE);
    return values.help ? 0 : 2;
  }
  const url = values.url ?? env.CAUSERIE_ADMIN_URL;
  const token = values.token ?? env.CAUSERIE_ADMIN_TOKEN;
  const caFile = values.ca ?? env.CAUSERIE_ADMIN_CA;
  try {
    if (!url) throw new UsageError('Say where the WebAdmin is: --url https://host:9443 or CAUSERIE_ADMIN_URL');
    let ca: string | undefined;
    if (caFile) {
      try {
        ca = readFileSync(caFile, 'utf8');
      } catch {
        throw new UsageError(`Cannot read the CA file ${caFile}`);
      }
    }
    const [first, second] = positionals;
    if (first === 'login') {
      const client = new AdminClient({ url, ca });
      const jid = positionals[1];
      if (!jid || !values.password) throw new UsageError('login <jid> --password P [--name NAME]');
      const created = (await client.call('POST', '/api/tokens', { jid, password: values.password, name: values.name ?? 'causerie-admin' })) as { token: string };
      if (values.json) out(JSON.stringify(created, null, 2));
      else {
        out(created.token);
        err(`Keep this token secret; use it with --token or: export CAUSERIE_ADMIN_TOKEN=${created.token}`);
      }
      return 0;
    }
    const key = second !== undefined && COMMANDS[`${first} ${second}`] ? `${first} ${second}` : (first as string);
    const command = COMMANDS[key];
    if (!command) throw new UsageError(`Unknown command: ${positionals.slice(0, 2).join(' ')}`);
    if (!token) throw new UsageError('An API token is needed: causerie-admin login <jid> --password P, then --token or CAUSERIE_ADMIN_TOKEN');
    const client = new AdminClient({ url, token, ca });
    const args = positionals.slice(key.split(' ').length);
    const answer: Json = await command({ args, options: values, client });
    if (values.json) out(JSON.stringify(answer, null, 2));
    else for (const line of render(answer)) out(line);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message}\n\n${ADMIN_USAGE}`);
      return 2;
    }
    if (error instanceof ApiError) {
      err(values.json ? JSON.stringify(error.problem) : `Refused (${error.status}): ${error.message}`);
      return 1;
    }
    if (error instanceof ConnectionError) {
      err(error.message);
      return 3;
    }
    throw error;
  }
}
