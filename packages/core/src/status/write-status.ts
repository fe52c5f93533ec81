import type { DeploymentKey } from '../keys/deployment-key.js';
import { ownerOf } from '../ownership/ownership.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import type { Runtime } from '../runtime/runtime.js';
import { kubeTarget } from '../config/kube-target.js';
import { describeRollout, noRollout, readRollout } from '../rollout/rollout-record.js';
import { redactText } from '../util/redact-text.js';
import { type DeploymentStatus, deploymentStatus, maxStatusMessageLength } from './deployment-status.js';
import type { StatusSnapshot } from './status-snapshot.js';
import { statusTagsFor, type TagChanges, tagChanges } from './status-tags.js';

/** One key whose status should be in MLflow, and what is known of its deployment. */
export interface StatusReport {
  key: DeploymentKey;
  /** The key's InferenceService as it is now; `null` when there is none. */
  object: InferenceServiceManifest | null;
  /** Directory target: the manifest written for the key (status `Rendered`). */
  rendered?: { namespace: string; name: string; path: string; servedVersion: string };
  /** Git target: the manifest committed for the key and the commit (status `Committed`). */
  committed?: { namespace: string; name: string; path: string; servedVersion: string; commit: string };
  /** Why the deployment was refused (status `Rejected`, e.g. an override beyond the operator's bounds). */
  rejected?: string;
}

/**
 * Writes one key's status onto MLflow, at the key's own place: a version key on its model version
 * (`kserve.status`, `url`, `inference_service`, `message`, `updated_at`, `manifest`), an alias key on the
 * registered model (`kserve.<alias>.status`, `.url`, `.inference_service`, `.version`, `.message`,
 * `.updated_at`) — never on another key's place. Reads the current tags first and writes only what changed
 * (nothing at all when nothing changed); a version or model that no longer exists is skipped, and so is a Git
 * target's service read from the cluster whose file is no longer in Git (its `Removed` was written with the commit).
 * Returns the number of tags written.
 *
 * @example
 * ```ts
 * await writeStatus(runtime, { key: aliasKey('iris', 'champion'), object: isvc }); // 4
 * ```
 */
export async function writeStatus(rt: Runtime, report: StatusReport, now: Date = new Date()): Promise<number> {
  const fromGit = kubeTarget(rt.config).kind === 'git';
  const live = report.object;
  if (fromGit && live && !report.committed && !(await rt.kube.get(live.metadata.namespace ?? '', live.metadata.name))) {
    // Read from the cluster, but its file is no longer in Git: `Removed` was written with the commit; the GitOps
    // controller has not pruned it yet.
    return 0;
  }
  const { place, tags } = statusTagsFor(report.key, rt.config.status_tag_prefix, factsOf(report, fromGit));
  const mlflow = rt.mlflow;
  const { model, version } = place.on;
  if (version !== undefined) {
    const current = await mlflow.getModelVersion(model, version);
    if (!current) return 0;
    return apply(
      tagChanges(tags, current.tags, place.tags.updatedAt, now),
      (k, v) => mlflow.setModelVersionTag(model, version, k, v),
      (k) => mlflow.deleteModelVersionTag(model, version, k),
    );
  }
  const current = await mlflow.getRegisteredModelTags(model);
  if (!current) return 0;
  return apply(
    tagChanges(tags, current, place.tags.updatedAt, now),
    (k, v) => mlflow.setRegisteredModelTag(model, k, v),
    (k) => mlflow.deleteRegisteredModelTag(model, k),
  );
}

/**
 * Whether MLflow's tags, as a {@link StatusSnapshot} read them, already say what {@link writeStatus} would
 * write for `report`: then writing would change nothing, and the key needs no task. `false` when the
 * snapshot does not hold the key's place (a version without status tags yet, or a model it did not list).
 *
 * @example
 * ```ts
 * statusUpToDate(runtime, { key, object }, await readStatusSnapshot(runtime)); // true
 * ```
 */
export function statusUpToDate(rt: Runtime, report: StatusReport, snapshot: StatusSnapshot): boolean {
  const { place, tags } = statusTagsFor(report.key, rt.config.status_tag_prefix, factsOf(report, kubeTarget(rt.config).kind === 'git'));
  const { model, version } = place.on;
  const current = version !== undefined ? snapshot.versions.get(`${model}/${version}`) : snapshot.models.get(model);
  if (!current) return false;
  return Object.keys(tagChanges(tags, current, place.tags.updatedAt, new Date())).length === 0;
}

/** `fromGit`: a Git target, whose live services (read from the cluster) leave the commit and file tags as they are. */
function factsOf(report: StatusReport, fromGit: boolean): Parameters<typeof statusTagsFor>[2] {
  if (report.rejected !== undefined) {
    const status: DeploymentStatus = {
      state: 'Rejected',
      url: undefined,
      message: redactText(report.rejected).slice(0, maxStatusMessageLength),
    };
    return { status, service: undefined, servedVersion: undefined };
  }
  if (report.committed) {
    const { namespace, name, path, servedVersion, commit } = report.committed;
    return {
      status: { state: 'Committed', url: undefined, message: undefined },
      service: `${namespace}/${name}`,
      servedVersion,
      manifest: path,
      commit,
    };
  }
  if (report.rendered) {
    const { namespace, name, path, servedVersion } = report.rendered;
    return {
      status: { state: 'Rendered', url: undefined, message: undefined },
      service: `${namespace}/${name}`,
      servedVersion,
      manifest: path,
    };
  }
  const object = report.object;
  const owner = object ? ownerOf(object) : undefined;
  const record = object ? readRollout(object.metadata.annotations ?? {}) : noRollout;
  const percent = (object?.spec as { predictor?: { canaryTrafficPercent?: number } } | undefined)?.predictor?.canaryTrafficPercent;
  let status = deploymentStatus(object);
  // A rollback is what its owner must see first (unless KServe reports a failure): the version that failed, and why.
  if (record.phase === 'RolledBack' && status.state !== 'Failed' && object) {
    status = {
      state: 'RolledBack',
      url: status.url,
      message: redactText(record.reason ?? '').slice(0, maxStatusMessageLength) || undefined,
    };
  }
  return {
    status,
    service: object ? `${object.metadata.namespace}/${object.metadata.name}` : undefined,
    servedVersion: owner?.managed ? owner.servedVersion : undefined,
    rollout: describeRollout(record, percent),
    ...(fromGit ? { manifest: 'keep', commit: 'keep' } : {}),
  };
}

async function apply(
  changes: TagChanges,
  set: (k: string, v: string) => Promise<void>,
  remove: (k: string) => Promise<void>,
): Promise<number> {
  for (const [key, value] of Object.entries(changes)) await (value === null ? remove(key) : set(key, value));
  return Object.keys(changes).length;
}
