import type { DeploymentStatus } from './deployment-status.js';

/** Tags to set (a value) or remove (`null`). */
export type TagChanges = Record<string, string | null>;

/**
 * The model-version tags that describe a deployment: `{prefix}status`, `{prefix}url` (removed unless
 * Ready), `{prefix}inference_service` (`namespace/name`), `{prefix}message` (removed when there is none).
 * `{prefix}updated_at` is added by {@link tagChanges} only when something else changed.
 *
 * @example
 * ```ts
 * versionStatusTags('kserve.', status, 'models/mlflow-iris-v3'); // { 'kserve.status': 'Ready', 'kserve.url': 'http://…', … }
 * ```
 */
export function versionStatusTags(
  prefix: string,
  status: DeploymentStatus,
  service: string,
  extra: Record<string, string> = {},
): TagChanges {
  // `status` last: whoever sees the new status sees the rest written too.
  return {
    [`${prefix}inference_service`]: service,
    [`${prefix}url`]: status.url ?? null,
    [`${prefix}message`]: status.message ?? null,
    ...extra,
    [`${prefix}status`]: status.state,
  };
}

/**
 * The registered-model tags of an alias deployment: `{prefix}{alias}.status` and `{prefix}{alias}.url`.
 *
 * @example
 * ```ts
 * aliasStatusTags('kserve.', 'champion', status); // { 'kserve.champion.status': 'Ready', 'kserve.champion.url': 'http://…' }
 * ```
 */
export function aliasStatusTags(prefix: string, alias: string, status: DeploymentStatus): TagChanges {
  return { [`${prefix}${alias}.url`]: status.url ?? null, [`${prefix}${alias}.status`]: status.state };
}

/**
 * Only what differs from the tags MLflow has now (removals only of tags that exist), plus
 * `{prefix}updated_at` when anything does — so an unchanged status costs no write and triggers no event.
 *
 * @example
 * ```ts
 * tagChanges({ 'kserve.status': 'Ready' }, { 'kserve.status': 'Pending' }, 'kserve.', new Date());
 * // { 'kserve.status': 'Ready', 'kserve.updated_at': '2026-…Z' }
 * ```
 */
export function tagChanges(desired: TagChanges, current: Record<string, string>, prefix: string | undefined, now: Date): TagChanges {
  const changes: TagChanges = {};
  for (const [key, value] of Object.entries(desired)) {
    if (value === null ? key in current : current[key] !== value) changes[key] = value;
  }
  if (prefix !== undefined && Object.keys(changes).length > 0) changes[`${prefix}updated_at`] = now.toISOString();
  return changes;
}
