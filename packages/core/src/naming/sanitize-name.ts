/**
 * Makes a string fit KServe's name rule `^[a-z]([-a-z0-9]*[a-z0-9])?$`: lowercase, every run of other
 * characters becomes one `-`, leading characters up to the first letter and trailing hyphens are dropped.
 * Lossy (`Iris_Classifier` and `iris-classifier` meet): {@link inferenceServiceName} adds a hash when it changed anything.
 * Returns `''` when nothing usable is left.
 *
 * @example
 * ```ts
 * sanitizeName('Iris_Classifier v2'); // 'iris-classifier-v2'
 * ```
 */
export function sanitizeName(input: string): string {
  return input
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
}
