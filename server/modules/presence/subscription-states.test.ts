// The tables of RFC 6121 Appendix A, row by row. States are written as in
// the RFC: "None", "None + Pending Out", "To + Pending In", "From + Pending Out"…
import { describe, expect, it } from 'vitest';
import type { SubscriptionState, SubscriptionType } from './subscription-states.js';
import { inbound, isSubscriptionType, outbound } from './subscription-states.js';

const STATES: Record<string, SubscriptionState> = {
  'None': { subscription: 'none', askOut: false, pendingIn: false, approved: false },
  'None + Pending Out': { subscription: 'none', askOut: true, pendingIn: false, approved: false },
  'None + Pending In': { subscription: 'none', askOut: false, pendingIn: true, approved: false },
  'None + Pending Out/In': { subscription: 'none', askOut: true, pendingIn: true, approved: false },
  'To': { subscription: 'to', askOut: false, pendingIn: false, approved: false },
  'To + Pending In': { subscription: 'to', askOut: false, pendingIn: true, approved: false },
  'From': { subscription: 'from', askOut: false, pendingIn: false, approved: false },
  'From + Pending Out': { subscription: 'from', askOut: true, pendingIn: false, approved: false },
  'Both': { subscription: 'both', askOut: false, pendingIn: false, approved: false },
};

type Row = [start: string, end: string];

function state(name: string): SubscriptionState {
  const s = STATES[name];
  if (!s) throw new Error(`unknown state ${name}`);
  return s;
}

describe('outbound subscription stanzas (RFC 6121 A.2)', () => {
  const table: Record<SubscriptionType, Row[]> = {
    subscribe: [
      ['None', 'None + Pending Out'], ['None + Pending Out', 'None + Pending Out'], ['None + Pending In', 'None + Pending Out/In'],
      ['None + Pending Out/In', 'None + Pending Out/In'], ['To', 'To'], ['To + Pending In', 'To + Pending In'],
      ['From', 'From + Pending Out'], ['From + Pending Out', 'From + Pending Out'], ['Both', 'Both'],
    ],
    subscribed: [
      ['None + Pending In', 'From'], ['None + Pending Out/In', 'From + Pending Out'], ['To + Pending In', 'Both'],
      ['From', 'From'], ['From + Pending Out', 'From + Pending Out'], ['Both', 'Both'],
    ],
    unsubscribe: [
      ['None', 'None'], ['None + Pending Out', 'None'], ['None + Pending In', 'None + Pending In'],
      ['None + Pending Out/In', 'None + Pending In'], ['To', 'None'], ['To + Pending In', 'None + Pending In'],
      ['From', 'From'], ['From + Pending Out', 'From'], ['Both', 'From'],
    ],
    unsubscribed: [
      ['None', 'None'], ['None + Pending Out', 'None + Pending Out'], ['None + Pending In', 'None'],
      ['None + Pending Out/In', 'None + Pending Out'], ['To', 'To'], ['To + Pending In', 'To'],
      ['From', 'None'], ['From + Pending Out', 'None + Pending Out'], ['Both', 'To'],
    ],
  };
  for (const [type, rows] of Object.entries(table) as Array<[SubscriptionType, Row[]]>) {
    for (const [start, end] of rows) {
      it(`${type}: ${start} → ${end}`, () => {
        expect(outbound(type, state(start)).state).toEqual(state(end));
      });
    }
  }

  it('routes subscribe, unsubscribe and unsubscribed in every state', () => {
    for (const s of Object.values(STATES)) {
      expect(outbound('subscribe', s).route).toBe(true);
      expect(outbound('unsubscribe', s).route).toBe(true);
      expect(outbound('unsubscribed', s).route).toBe(true);
    }
  });

  it('routes subscribed only when it approves a pending request', () => {
    expect(outbound('subscribed', state('None + Pending In')).route).toBe(true);
    expect(outbound('subscribed', state('To + Pending In')).route).toBe(true);
    expect(outbound('subscribed', state('From')).route).toBe(false);
    expect(outbound('subscribed', state('Both')).route).toBe(false);
  });

  it('records subscribed without a pending request as a pre-approval, not routed (§3.4)', () => {
    for (const name of ['None', 'None + Pending Out', 'To']) {
      const result = outbound('subscribed', state(name));
      expect(result.route).toBe(false);
      expect(result.state).toEqual({ ...state(name), approved: true });
    }
  });

  it('withdraws a pre-approval with unsubscribed', () => {
    expect(outbound('unsubscribed', { ...state('To'), approved: true }).state).toEqual(state('To'));
  });
});

describe('inbound subscription stanzas (RFC 6121 A.3)', () => {
  it('subscribe: records a pending request and delivers it when the sender is not subscribed', () => {
    const rows: Row[] = [
      ['None', 'None + Pending In'], ['None + Pending Out', 'None + Pending Out/In'], ['None + Pending In', 'None + Pending In'],
      ['None + Pending Out/In', 'None + Pending Out/In'], ['To', 'To + Pending In'], ['To + Pending In', 'To + Pending In'],
    ];
    for (const [start, end] of rows) {
      const result = inbound('subscribe', state(start));
      expect(result, start).toEqual({ state: state(end), deliver: true, autoReply: false });
    }
  });

  it('subscribe: answers subscribed on the receiver\'s behalf when the sender is already subscribed', () => {
    for (const name of ['From', 'From + Pending Out', 'Both']) {
      expect(inbound('subscribe', state(name))).toEqual({ state: state(name), deliver: false, autoReply: true });
    }
  });

  it('subscribe: a pre-approval is consumed, the subscription granted and answered automatically (§3.4)', () => {
    expect(inbound('subscribe', { ...state('None'), approved: true })).toEqual({ state: state('From'), deliver: false, autoReply: true });
    expect(inbound('subscribe', { ...state('To'), approved: true })).toEqual({ state: state('Both'), deliver: false, autoReply: true });
    expect(inbound('subscribe', { ...state('None + Pending Out'), approved: true }).state).toEqual(state('From + Pending Out'));
  });

  const table: Record<Exclude<SubscriptionType, 'subscribe'>, Array<[string, string | null]>> = {
    // null: no state change and the stanza is not delivered.
    subscribed: [
      ['None', null], ['None + Pending Out', 'To'], ['None + Pending In', null], ['None + Pending Out/In', 'To + Pending In'],
      ['To', null], ['To + Pending In', null], ['From', null], ['From + Pending Out', 'Both'], ['Both', null],
    ],
    unsubscribe: [
      ['None', null], ['None + Pending Out', null], ['None + Pending In', 'None'], ['None + Pending Out/In', 'None + Pending Out'],
      ['To', null], ['To + Pending In', 'To'], ['From', 'None'], ['From + Pending Out', 'None + Pending Out'], ['Both', 'To'],
    ],
    unsubscribed: [
      ['None', null], ['None + Pending Out', 'None'], ['None + Pending In', null], ['None + Pending Out/In', 'None + Pending In'],
      ['To', 'None'], ['To + Pending In', 'None + Pending In'], ['From', null], ['From + Pending Out', 'From'], ['Both', 'From'],
    ],
  };
  for (const [type, rows] of Object.entries(table) as Array<[Exclude<SubscriptionType, 'subscribe'>, Array<[string, string | null]>]>) {
    for (const [start, end] of rows) {
      it(`${type}: ${start} → ${end ?? 'ignored'}`, () => {
        const result = inbound(type, state(start));
        expect(result.autoReply).toBe(false);
        if (end === null) {
          expect(result).toEqual({ state: state(start), deliver: false, autoReply: false });
        } else {
          expect(result).toEqual({ state: state(end), deliver: true, autoReply: false });
        }
      });
    }
  }
});

describe('isSubscriptionType', () => {
  it('knows the four subscription types and nothing else', () => {
    expect(['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed'].every(isSubscriptionType)).toBe(true);
    expect(isSubscriptionType('probe')).toBe(false);
    expect(isSubscriptionType(undefined)).toBe(false);
    expect(isSubscriptionType('unavailable')).toBe(false);
  });
});
