import { describe, expect, it } from 'vitest';
import { findScenario } from '../scenarios/index.js';
import { parseArgs } from './cli-args.js';

describe('parseArgs', () => {
  it('fills scenario defaults and applies overrides', () => {
    const a = parseArgs(['chat', '--servers', 'prosody,ejabberd', '--pairs', '3', '--transport', 'ws', '--keep'], findScenario);
    expect(a.scenario.name).toBe('chat');
    expect(a.servers).toEqual(['prosody', 'ejabberd']);
    expect(a.options).toMatchObject({ pairs: 3, rate: 2000, duration: 20 });
    expect(a.transport).toBe('ws');
    expect(a.keep).toBe(true);
  });

  it('sizes the muc scenario from rooms × occupants and asks the servers for rooms', () => {
    const a = parseArgs(['muc', '--rooms', '2', '--occupants', '5', '--rate', '100'], findScenario);
    expect(a.options).toMatchObject({ rooms: 2, occupants: 5, rate: 100, pageSize: 50 });
    expect(a.scenario.usersNeeded(a.options)).toBe(10);
    expect(a.scenario.needsRooms).toBe(true);
    expect(findScenario('chat')?.needsRooms).toBeUndefined();
  });

  it('archives on the reference servers only when asked (--archive mam)', () => {
    expect(parseArgs(['chat'], findScenario).archive).toBe('none');
    expect(parseArgs(['chat', '--archive', 'mam'], findScenario).archive).toBe('mam');
    expect(() => parseArgs(['chat', '--archive', 'all'], findScenario)).toThrow(/none, mam/);
  });

  it('refuses unknown scenarios, options and values', () => {
    expect(() => parseArgs(['nope'], findScenario)).toThrow(/unknown scenario/);
    expect(() => parseArgs(['idle', '--rate', '5'], findScenario)).toThrow(/unknown option --rate/);
    expect(() => parseArgs(['idle', '--transport', 'udp'], findScenario)).toThrow(/tcp, ws/);
    expect(() => parseArgs(['idle', '--connections', '-1'], findScenario)).toThrow(/non-negative/);
  });
});
