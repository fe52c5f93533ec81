function pyString(value: string): string {
  // Python's json.dumps escapes every non-ASCII character as \uXXXX.
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A `model_version_tag` event body byte-for-byte as MLflow writes it (Python `json.dumps` separators and
 * escaping); `value` undefined gives a `deleted` event.
 *
 * Used by `mlflow-kserve send` and tests; the timestamp is now.
 *
 * @example
 * ```ts
 * tagEventBody('iris', '3', 'deploy', 'true');
 * // '{"entity": "model_version_tag", "action": "set", "timestamp": "…", "data": {"name": "iris", …}}'
 * ```
 */
export function tagEventBody(model: string, version: string, key: string, value?: string): string {
  const timestamp = new Date().toISOString().replace('Z', '+00:00');
  const data = [`"name": ${pyString(model)}`, `"version": ${pyString(version)}`, `"key": ${pyString(key)}`];
  if (value !== undefined) data.push(`"value": ${pyString(value)}`);
  return `{"entity": "model_version_tag", "action": "${value === undefined ? 'deleted' : 'set'}", "timestamp": "${timestamp}", "data": {${data.join(', ')}}}`;
}
