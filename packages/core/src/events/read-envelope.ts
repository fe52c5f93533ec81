import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';

/** The outer shape every MLflow webhook body has; `data` is checked per event type afterwards. */
export interface Envelope {
  entity: string;
  action: string;
  /** ISO 8601 from MLflow; Unix seconds from some older senders. */
  timestamp: string | number | undefined;
  data: Record<string, unknown>;
  /** MLflow's workspace, when the server has workspaces. */
  workspace: string | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks the envelope of a parsed webhook body by hand: it runs for every delivery, most of which are
 * then ignored, so it stays cheaper than a schema library; unknown keys are allowed.
 *
 * @throws MlflowKserveError `bad_request` naming the first field that is wrong.
 * @example
 * ```ts
 * readEnvelope(JSON.parse('{"entity": "model_version_tag", "action": "set", "data": {}}')).entity; // 'model_version_tag'
 * ```
 */
export function readEnvelope(json: unknown): Envelope {
  const problem = (what: string) =>
    new MlflowKserveError(
      'bad_request',
      `Body is not an MLflow webhook event: ${what}. MLflow sends {"entity", "action", "timestamp", "data"}.`,
    );
  if (!isRecord(json))
    throw problem(`expected a JSON object, got ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}`);
  const { entity, action, timestamp, data, workspace } = json;
  if (typeof entity !== 'string' || entity === '') throw problem('entity must be a non-empty string');
  if (typeof action !== 'string' || action === '') throw problem('action must be a non-empty string');
  if (timestamp !== undefined && typeof timestamp !== 'string' && typeof timestamp !== 'number') {
    throw problem('timestamp must be a string or a number');
  }
  if (!isRecord(data)) throw problem('data must be a JSON object');
  if (workspace !== undefined && workspace !== null && typeof workspace !== 'string') throw problem('workspace must be a string');
  return { entity, action, timestamp, data, workspace: workspace ?? undefined };
}
