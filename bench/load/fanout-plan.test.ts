import { describe, expect, it } from 'vitest';
import { expectedDeliveries, senderOrder } from './fanout-plan.js';

describe('fan-out plan', () => {
  it('visits every room before any room gets a second sender', () => {
    expect(senderOrder([2, 3])).toEqual([
      { room: 0, occupant: 0 },
      { room: 1, occupant: 0 },
      { room: 0, occupant: 1 },
      { room: 1, occupant: 1 },
      { room: 1, occupant: 2 },
    ]);
    expect(senderOrder([])).toEqual([]);
  });

  it('owes one delivery per occupant of the room for each message', () => {
    expect(expectedDeliveries([10, 4], [5, 20])).toBe(10 * 5 + 4 * 20);
    expect(expectedDeliveries([3], [])).toBe(0);
  });
});
