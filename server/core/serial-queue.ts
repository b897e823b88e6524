// Runs tasks strictly in order, synchronously when tasks are synchronous.
// Used to process one session's stanzas in order (RFC 6120 §10.1) while
// letting asynchronous handlers (database) finish before the next stanza.

export type Task = () => void | Promise<void>;

export class SerialQueue {
  private readonly tasks: Task[] = [];
  private running = false;
  private readonly onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void) {
    this.onError = onError;
  }

  get size(): number {
    return this.tasks.length;
  }

  push(task: Task): void {
    this.tasks.push(task);
    if (!this.running) this.drain();
  }

  clear(): void {
    this.tasks.length = 0;
  }

  private drain(): void {
    this.running = true;
    while (this.tasks.length > 0) {
      const task = this.tasks.shift() as Task;
      let result: void | Promise<void>;
      try {
        result = task();
      } catch (error) {
        this.onError(error);
        continue;
      }
      if (result instanceof Promise) {
        result.catch(this.onError).finally(() => this.drain());
        return;
      }
    }
    this.running = false;
  }
}
