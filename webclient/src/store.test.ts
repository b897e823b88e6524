import { describe, expect, it } from 'vitest';
import { Store, initialState, sortedRooms } from './store.js';

describe('Store', () => {
  it('notifies subscribers with the new state and stops after unsubscribe', () => {
    const store = new Store(initialState('fr'));
    const seen: string[] = [];
    const stop = store.subscribe((s) => seen.push(s.connection));
    store.set({ connection: 'connecting' });
    stop();
    store.set({ connection: 'online' });
    expect(seen).toEqual(['connecting']);
    expect(store.state.connection).toBe('online');
  });

  it('creates a room on first change and keeps other rooms untouched', () => {
    const store = new Store(initialState('fr'));
    store.room('b@c', () => ({ name: 'Bêta' }));
    const before = store.state.rooms['b@c'];
    store.room('a@c', (r) => ({ unread: r.unread + 2 }));
    expect(store.state.rooms['a@c']).toMatchObject({ name: 'a', unread: 2, joined: false });
    expect(store.state.rooms['b@c']).toBe(before);
    expect(sortedRooms(store.state).map((r) => r.name)).toEqual(['a', 'Bêta']);
  });

  it('clears the active room when it is removed', () => {
    const store = new Store(initialState('en'));
    store.room('a@c', () => ({}));
    store.set({ active: 'a@c' });
    store.removeRoom('a@c');
    expect(store.state.active).toBeUndefined();
    expect(store.state.rooms).toEqual({});
  });
});
