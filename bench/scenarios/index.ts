// Registry of scenarios, by the name used on the command line.
import { chatMaxScenario } from './chat-max.js';
import { chatScenario } from './chat.js';
import { idleScenario } from './idle.js';
import { loginScenario } from './login.js';
import { mucScenario } from './muc.js';
import type { Scenario } from './types.js';

export const scenarios: readonly Scenario[] = [idleScenario, loginScenario, chatScenario, chatMaxScenario, mucScenario];

export function findScenario(name: string): Scenario | undefined {
  return scenarios.find((s) => s.name === name);
}
