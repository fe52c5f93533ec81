/**
 * Runs async work one at a time per key (e.g. per InferenceService name), in arrival order, so that two
 * deliveries about the same service never interleave their read-check-write steps in one process.
 *
 * @example
 * ```ts
 * const mutex = new KeyedMutex();
 * await mutex.run('ns/name', () => converge());
 * ```
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.tails.size;
  }
}
