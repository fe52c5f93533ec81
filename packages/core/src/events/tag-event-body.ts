import { eventBody } from './event-body.js';

/**
 * A `model_version_tag` event body byte-for-byte as MLflow writes it; `value` undefined gives a `deleted`
 * event. Used by `mlflow-kserve send` and tests; the timestamp is now.
 *
 * @example
 * ```ts
 * tagEventBody('iris', '3', 'deploy', 'true');
 * // '{"entity": "model_version_tag", "action": "set", "timestamp": "…", "data": {"name": "iris", …}}'
 * ```
 */
export function tagEventBody(model: string, version: string, key: string, value?: string): string {
  const data: Record<string, string> = { name: model, version, key };
  if (value !== undefined) data['value'] = value;
  return eventBody('model_version_tag', value === undefined ? 'deleted' : 'set', data);
}
