/**
 * A map that remembers at most about `capacity` recent entries, for delivery ids. Two generations of
 * plain Maps: when the current one fills half the capacity it becomes the previous one and the oldest
 * generation is dropped whole — O(1) per operation (evicting from the front of one big Map one key at a
 * time degrades badly in V8).
 *
 * @example
 * ```ts
 * const seen = new BoundedCache<string, object>(10_000);
 * seen.set(deliveryId, body);
 * ```
 */
export class BoundedCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private readonly generation: number;

  constructor(capacity: number) {
    this.generation = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: K): V | undefined {
    return this.current.get(key) ?? this.previous.get(key);
  }

  set(key: K, value: V): void {
    this.current.set(key, value);
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
    }
  }

  /** Entries currently remembered (at most `capacity`). */
  get size(): number {
    return this.current.size + this.previous.size;
  }
}
