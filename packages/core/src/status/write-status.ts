import type { DeploymentKey } from '../converge/deployment-key.js';
import { kindOf } from '../converge/key-kinds/kind-of.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import type { Runtime } from '../runtime/runtime.js';
import { type DeploymentStatus, deploymentStatus, maxStatusMessageLength } from './deployment-status.js';
import { redactText } from '../util/redact-text.js';
import { type TagChanges, tagChanges, versionStatusTags } from './status-tags.js';

/** One deployment whose status should be in MLflow. */
export interface StatusTarget {
  key: DeploymentKey;
  /** The model version the service serves (or served, when removed). */
  servedVersion: string | undefined;
  namespace: string;
  name: string;
  /** The InferenceService as it is now; `null` when it is gone. */
  object: InferenceServiceManifest | null;
  /** Directory target: the manifest's path relative to the target (status `Rendered`). */
  renderedPath?: string;
  /** Why the deployment was refused (status `Rejected`, e.g. an override beyond the operator's bounds). */
  rejected?: string;
}

async function apply(
  changes: TagChanges,
  set: (k: string, v: string) => Promise<void>,
  remove: (k: string) => Promise<void>,
): Promise<number> {
  for (const [key, value] of Object.entries(changes)) await (value === null ? remove(key) : set(key, value));
  return Object.keys(changes).length;
}

/**
 * Writes a deployment's status onto MLflow, where the model's owner looks: `{prefix}status`, `url`,
 * `inference_service`, `message` and `updated_at` on the model version it serves, and for an alias
 * `{prefix}{alias}.status` and `.url` on the registered model. Reads the current tags first and writes
 * only what changed (so nothing at all when nothing changed); a version or model that no longer exists is
 * skipped. Returns the number of tags written.
 *
 * @example
 * ```ts
 * await writeStatus(runtime, { key, servedVersion: '3', namespace, name, object: isvc }); // 5
 * ```
 */
export async function writeStatus(rt: Runtime, target: StatusTarget, now: Date = new Date()): Promise<number> {
  const mlflow = rt.mlflow;
  if (!mlflow) return 0;
  const prefix = rt.config.status_tag_prefix;
  const status: DeploymentStatus =
    target.rejected !== undefined
      ? { state: 'Rejected', url: undefined, message: redactText(target.rejected).slice(0, maxStatusMessageLength) }
      : target.renderedPath !== undefined
        ? { state: 'Rendered', url: undefined, message: undefined }
        : deploymentStatus(target.object);
  const { key } = target;
  let written = 0;
  const version = target.servedVersion ?? ('version' in key ? key.version : undefined);
  if (version !== undefined) {
    const current = await mlflow.getModelVersion(key.model, version);
    if (current) {
      const extra = target.renderedPath !== undefined ? { [`${prefix}manifest`]: target.renderedPath } : {};
      const desired = versionStatusTags(prefix, status, `${target.namespace}/${target.name}`, extra);
      written += await apply(
        tagChanges(desired, current.tags, prefix, now),
        (k, v) => mlflow.setModelVersionTag(key.model, version, k, v),
        (k) => mlflow.deleteModelVersionTag(key.model, version, k),
      );
    }
  }
  const modelTags = kindOf(key).modelStatusTags(prefix, key, status);
  if (Object.keys(modelTags).length > 0) {
    const current = await mlflow.getRegisteredModelTags(key.model);
    if (current) {
      written += await apply(
        tagChanges(modelTags, current, undefined, now),
        (k, v) => mlflow.setRegisteredModelTag(key.model, k, v),
        (k) => mlflow.deleteRegisteredModelTag(key.model, k),
      );
    }
  }
  return written;
}
