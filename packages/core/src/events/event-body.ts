/** Python's `json.dumps` with default arguments: `", "` and `": "` separators, non-ASCII as `\uXXXX`. */
function pyJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string')
    return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(value)) return `[${value.map(pyJson).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${pyJson(k)}: ${pyJson(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

/**
 * An MLflow webhook body byte-for-byte as MLflow writes it (Python `json.dumps` separators and escaping,
 * keys in the order given), with the envelope's timestamp now. Used by `mlflow-kserve send` and tests.
 *
 * @example
 * ```ts
 * eventBody('model_version_alias', 'created', { name: 'iris', alias: 'champion', version: '3' });
 * // '{"entity": "model_version_alias", "action": "created", "timestamp": "…", "data": {"name": "iris", …}}'
 * ```
 */
export function eventBody(entity: string, action: string, data: Record<string, unknown>): string {
  const timestamp = new Date().toISOString().replace('Z', '+00:00');
  return `{"entity": ${pyJson(entity)}, "action": ${pyJson(action)}, "timestamp": ${pyJson(timestamp)}, "data": ${pyJson(data)}}`;
}
