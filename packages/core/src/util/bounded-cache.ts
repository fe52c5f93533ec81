/**
 * A map that forgets its oldest entries beyond `capacity` (insertion order), for delivery ids.
 *
 * @example
 * ```ts
 * const seen = new BoundedCache<string, object>(10_000);
 * seen.set(deliveryId, body);
 * ```
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  get size(): number {
    return this.map.size;
  }
}
