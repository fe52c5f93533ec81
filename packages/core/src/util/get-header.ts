/** HTTP headers as adapters hand them over: any letter case, a value or a list of values. */
export type HeaderMap = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Reads a header in any letter case; a repeated header yields its first value.
 *
 * @example
 * ```ts
 * getHeader({ 'X-MLflow-Timestamp': '1767225600' }, 'x-mlflow-timestamp'); // '1767225600'
 * ```
 */
export function getHeader(headers: HeaderMap, name: string): string | undefined {
  const wanted = name.toLowerCase();
  // Node and most adapters already lower-case header names: try the direct lookup first.
  const direct = headers[wanted];
  if (direct !== undefined) return typeof direct === 'string' ? direct : direct[0];
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = headers[key];
    if (value === undefined) continue;
    return typeof value === 'string' ? value : value[0];
  }
  return undefined;
}
