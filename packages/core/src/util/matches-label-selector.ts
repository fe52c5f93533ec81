/**
 * Whether labels satisfy an equality-based label selector (`a=b,c` — the subset the SDK sends), for the
 * ports that filter themselves (in-memory, directory).
 *
 * @example
 * ```ts
 * matchesLabelSelector({ 'managed-by': 'mlflow-kserve' }, 'managed-by=mlflow-kserve'); // true
 * ```
 */
export function matchesLabelSelector(labels: Record<string, string> | undefined, selector: string): boolean {
  return selector
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .every((term) => {
      const [key, value] = term.split('=') as [string, string | undefined];
      return value === undefined ? labels?.[key] !== undefined : labels?.[key] === value;
    });
}
