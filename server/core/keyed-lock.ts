// Serialises async tasks per key: e.g. one roster per account (a change is a
// read-modify-write plus a version bump) or one offline store per account (a
// limit check and the write it allows). Tasks of one key never interleave;
// tasks of different keys run concurrently.

export class KeyedLock<K> {
  private readonly tails = new Map<K, Promise<unknown>>();

  /** Runs `task` once every earlier task of `key` has settled; resolves with its result. */
  run<T>(key: K, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    // The chain must continue even when a task fails; callers see the failure through `result`.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task queued or running (for tests and diagnostics). */
  get size(): number {
    return this.tails.size;
  }
}
