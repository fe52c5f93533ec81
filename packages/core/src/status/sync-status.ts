import { describeKey } from '../keys/identity-of.js';
import { kubeTarget } from '../config/kube-target.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { listManaged } from '../ownership/list-managed.js';
import type { Runtime } from '../runtime/runtime.js';
import { keysOfChange } from './keys-of-change.js';
import { liveStatusSource } from './live-status-source.js';
import { ServiceCache } from './service-cache.js';
import { readStatusSnapshot } from './status-snapshot.js';
import { statusUpToDate, writeStatus } from './write-status.js';

/** Everything {@link syncStatus} found and did. */
export interface StatusSyncReport {
  /** Deployment keys with a managed InferenceService. */
  services: number;
  /** Tags written. */
  written: number;
  failed: { name: string; error: string }[];
}

/**
 * One pass: the status of every deployment key with a live managed InferenceService ({@link liveStatusSource})
 * written at the key's own place in MLflow (`mlflow-kserve status sync`, for Lambda users on a schedule). MLflow's current tags
 * come from one paginated search; a pass of an unchanged cluster reads nothing else and writes no tag.
 *
 * @example
 * ```ts
 * const report = await syncStatus(runtime); // { services: 12, written: 3, failed: [] }
 * ```
 */
export async function syncStatus(rt: Runtime): Promise<StatusSyncReport> {
  const source = liveStatusSource(rt);
  if (!source) {
    throw new MlflowKserveError(
      'config_invalid',
      kubeTarget(rt.config).kind === 'git'
        ? 'status sync reads the live InferenceServices, and a Git target alone has none (MLflow shows Committed after each push). Set MLFLOW_KSERVE_GIT_STATUS_FROM_CLUSTER=true with read-only access to the cluster Argo CD or Flux applies to (docs/gitops.md).'
        : 'status sync reads the live InferenceServices, and a directory target has none (MLflow shows Rendered after each write). Run it with MLFLOW_KSERVE_KUBE_TARGET=cluster.',
    );
  }
  const cache = new ServiceCache();
  const keys = new Map<string, ReturnType<typeof keysOfChange>[number]>();
  for (const object of await listManaged({ config: rt.config, kube: source })) {
    cache.put(object);
    for (const key of keysOfChange(undefined, object)) keys.set(describeKey(key), key);
  }
  const report: StatusSyncReport = { services: keys.size, written: 0, failed: [] };
  // One search for every key's current tags; only keys it shows out of date are read and written.
  const snapshot = keys.size > 0 ? await readStatusSnapshot(rt) : undefined;
  for (const [id, key] of keys) {
    const object = cache.serviceOf(key);
    if (snapshot && statusUpToDate(rt, { key, object }, snapshot)) continue;
    try {
      report.written += await writeStatus(rt, { key, object });
    } catch (error) {
      report.failed.push({ name: id, error: (error as Error).message });
    }
  }
  return report;
}
