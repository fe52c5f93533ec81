const suffixes: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * A Kubernetes quantity as a number (`500m` → 0.5, `2Gi` → 2147483648), or `undefined` when it is not one.
 *
 * @example
 * ```ts
 * parseQuantity('512Mi'); // 536870912
 * ```
 */
export function parseQuantity(text: string): number | undefined {
  const match = /^([0-9]+(?:\.[0-9]+)?)(m|k|Ki|Mi|Gi|Ti|Pi|Ei|M|G|T|P|E)?$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * suffixes[match[2] ?? '']!;
}
