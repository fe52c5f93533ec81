import { createHash } from 'node:crypto';

/**
 * A short, stable hash (10 hex characters, 40 bits) of a list of strings; the list is encoded
 * unambiguously, so `['a-b', 'c']` and `['a', 'b-c']` differ.
 *
 * @example
 * ```ts
 * shortHash(['Iris_Classifier', '3']); // e.g. '4f1c0a9b2e'
 * ```
 */
export function shortHash(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 10);
}
