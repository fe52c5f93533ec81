/**
 * A deep copy of JSON-like data (objects, arrays, primitives): much cheaper than `structuredClone`
 * for the small manifests the in-memory ports store.
 *
 * @example
 * ```ts
 * const copy = cloneJson(manifest);
 * ```
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = cloneJson((value as Record<string, unknown>)[key]);
  return out as T;
}
