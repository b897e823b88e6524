// Pure bookkeeping of the muc scenario's fan-out phase: which occupant posts the
// n-th message, and how many deliveries the posted messages owe.

export interface Sender {
  room: number;
  occupant: number;
}

/**
 * Round-robin order of senders that visits the rooms in turn (room 0's first
 * occupant, room 1's first, …, then every room's second occupant): consecutive
 * messages go to different rooms, and rooms of equal size get equal rates.
 */
export function senderOrder(roomSizes: readonly number[]): Sender[] {
  const out: Sender[] = [];
  const largest = Math.max(0, ...roomSizes);
  for (let occupant = 0; occupant < largest; occupant += 1) {
    roomSizes.forEach((size, room) => {
      if (occupant < size) out.push({ room, occupant });
    });
  }
  return out;
}

/** Each groupchat message is delivered to every occupant of its room, the sender included (XEP-0045 §7.4). */
export function expectedDeliveries(sentPerRoom: readonly number[], roomSizes: readonly number[]): number {
  return sentPerRoom.reduce((sum, sent, room) => sum + sent * (roomSizes[room] ?? 0), 0);
}
