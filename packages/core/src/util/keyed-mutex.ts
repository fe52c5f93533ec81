/**
 * Runs async work one at a time per key (e.g. per InferenceService name), in arrival order, so that two
 * deliveries about the same service never interleave their read-check-write steps in one process.
 *
 * @example
 * ```ts
 * const mutex = new KeyedMutex();
 * await mutex.run('ns/name', () => converge());
 * mutex.waiting('ns/name'); // how many runs wait behind the current one
 * ```
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly queued = new Map<string, number>();
  private readonly listeners = new Map<string, Set<() => void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    this.queued.set(key, (this.queued.get(key) ?? 0) + 1);
    for (const notify of this.listeners.get(key) ?? []) notify();
    const start = (): Promise<T> => {
      const left = (this.queued.get(key) ?? 1) - 1;
      if (left > 0) this.queued.set(key, left);
      else this.queued.delete(key);
      return work();
    };
    const current = previous.then(start, start);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Runs of `key` waiting for the current one to finish (0 when none, or when nothing runs). */
  waiting(key: string): number {
    return this.queued.get(key) ?? 0;
  }

  /**
   * Resolves as soon as a run of `key` waits (at once if one already does); `cancel` stops waiting for that.
   *
   * @example
   * ```ts
   * const queued = mutex.whenWaiting('ns/name');
   * await Promise.race([slowCheck(), queued.promise]);
   * queued.cancel();
   * ```
   */
  whenWaiting(key: string): { promise: Promise<void>; cancel(): void } {
    let notify: () => void = () => {};
    const promise = new Promise<void>((resolve) => {
      notify = resolve;
    });
    if (this.waiting(key) > 0) {
      notify();
      return { promise, cancel: () => {} };
    }
    const set = this.listeners.get(key) ?? new Set<() => void>();
    this.listeners.set(key, set);
    const listener = () => notify();
    set.add(listener);
    const cancel = () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(key) === set) this.listeners.delete(key);
    };
    void promise.then(cancel);
    return { promise, cancel };
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.tails.size;
  }
}
