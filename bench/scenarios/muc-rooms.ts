// Setting up the muc scenario's rooms: R rooms of M occupants on conference.<domain>.
// In each room the first account creates it (XEP-0045 §10.1: join, and on status 201
// submit the empty instant-room form), grants the others affiliation `member`
// (§9.3; Causerie's private rooms admit members only, Prosody and ejabberd accept the
// grant), then the others join with no history.
import { runBounded } from '../load/bounded.js';
import { LatencyRecorder } from '../load/latency.js';
import { grantMemberIq, instantRoomIq } from '../load/muc-text.js';
import { NS_CLIENT } from '../load/xmpp-client.js';
import { closeMany, connectMany } from './connect-many.js';
import { MucClient } from './muc-client.js';
import type { ScenarioContext } from './types.js';

export interface BenchRoom {
  jid: string;
  /** Occupants that joined; the first one owns the room. */
  occupants: MucClient[];
}

export interface RoomSetup {
  rooms: BenchRoom[];
  /** Every logged-in client, joined or not, to close at the end. */
  clients: MucClient[];
  notes: string[];
  seconds: number;
  /** Round trips of the member grants and of the joins, ms. */
  grantLatency: LatencyRecorder;
  joinLatency: LatencyRecorder;
}

const TIMEOUT_MS = 15_000;

export function roomJid(index: number, domain: string): string {
  return `bench-room-${index + 1}@conference.${domain}`;
}

/** Creates the room as `owner` (instant room when the server says 201). */
async function createRoom(owner: MucClient, jid: string): Promise<void> {
  const codes = await owner.joinRoom(jid, TIMEOUT_MS);
  if (codes.includes(201)) await owner.iq((id) => instantRoomIq(owner.ns, jid, id), TIMEOUT_MS);
}

interface Timings {
  grant: LatencyRecorder;
  join: LatencyRecorder;
}

async function timed<T>(into: LatencyRecorder, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const value = await work();
  into.add(performance.now() - t0);
  return value;
}

async function setupRoom(jid: string, members: MucClient[], notes: string[], timings: Timings): Promise<BenchRoom> {
  const [owner, ...others] = members;
  if (!owner) return { jid, occupants: [] };
  await createRoom(owner, jid);
  for (const m of others) await timed(timings.grant, () => owner.iq((id) => grantMemberIq(owner.ns, jid, id, m.bareJid), TIMEOUT_MS));
  const joins = await runBounded(others.length, 10, (i) => timed(timings.join, () => (others[i] as MucClient).joinRoom(jid, TIMEOUT_MS)));
  const occupants = [owner];
  joins.forEach((r, i) => {
    if (r.status === 'fulfilled') occupants.push(others[i] as MucClient);
    else if (notes.length < 5) notes.push(`${jid}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`);
  });
  return { jid, occupants };
}

/** Logs R×M accounts in and fills the rooms; rooms that could not be created are reported in notes. */
export async function setupRooms(ctx: ScenarioContext, roomCount: number, perRoom: number): Promise<RoomSetup> {
  const t0 = performance.now();
  const ns = ctx.common.transport === 'ws' ? ` xmlns='${NS_CLIENT}'` : '';
  const users = ctx.users.slice(0, roomCount * perRoom);
  const connected = await connectMany(ctx, users, 20, 'muc', true);
  const clients = connected.clients.map((c) => new MucClient(c, c.jid.slice(0, c.jid.indexOf('@')), ns));
  const notes = [...connected.failures];
  // Accounts are dealt out M per room, in order.
  const roomOf = new Map(users.map((u, i) => [u.username, Math.floor(i / perRoom)]));
  const rooms: BenchRoom[] = [];
  const timings: Timings = { grant: new LatencyRecorder(), join: new LatencyRecorder() };
  const results = await runBounded(roomCount, roomCount, async (r) => {
    const members = clients.filter((c) => roomOf.get(c.nick) === r);
    return setupRoom(roomJid(r, ctx.server.endpoints.domain), members, notes, timings);
  });
  results.forEach((res, r) => {
    if (res.status === 'fulfilled') rooms.push(res.value);
    else notes.push(`${roomJid(r, ctx.server.endpoints.domain)} not created: ${res.reason instanceof Error ? res.reason.message : String(res.reason)}`);
  });
  return {
    rooms: rooms.filter((room) => room.occupants.length > 0),
    clients,
    notes,
    seconds: (performance.now() - t0) / 1000,
    grantLatency: timings.grant,
    joinLatency: timings.join,
  };
}

export async function closeRooms(setup: RoomSetup): Promise<void> {
  await closeMany(setup.clients.map((c) => c.client));
}
