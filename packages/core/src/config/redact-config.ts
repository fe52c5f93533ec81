import { secretConfigKeys, type Config } from './config-schema.js';

/**
 * A copy of the configuration safe to print: secrets become `"***"` (or `["***", …]`), unset ones stay unset.
 *
 * @example
 * ```ts
 * console.log(JSON.stringify(redactConfig(config), null, 2));
 * ```
 */
export function redactConfig(config: Config): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...config };
  for (const key of secretConfigKeys) {
    const value = copy[key];
    if (value === undefined) continue;
    copy[key] = Array.isArray(value) ? value.map(() => '***') : '***';
  }
  return copy;
}
