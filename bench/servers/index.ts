// Registry of server adapters, by the name used on the command line.
import { causerieAdapter } from './causerie.js';
import { ejabberdAdapter } from './ejabberd.js';
import { prosodyAdapter } from './prosody.js';
import type { ServerAdapter } from './types.js';

export const serverAdapters: readonly ServerAdapter[] = [causerieAdapter, prosodyAdapter, ejabberdAdapter];

export function findServerAdapter(name: string): ServerAdapter | undefined {
  return serverAdapters.find((a) => a.name === name);
}
