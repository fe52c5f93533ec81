import { describeKey } from '../keys/identity-of.js';
import { listManaged } from '../ownership/list-managed.js';
import type { Runtime } from '../runtime/runtime.js';
import { keysOfChange } from './keys-of-change.js';
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
 * One pass: the status of every deployment key with a managed InferenceService written at the key's own
 * place in MLflow (`mlflow-kserve status sync`, for Lambda users on a schedule). MLflow's current tags
 * come from one paginated search; a pass of an unchanged cluster reads nothing else and writes no tag.
 *
 * @example
 * ```ts
 * const report = await syncStatus(runtime); // { services: 12, written: 3, failed: [] }
 * ```
 */
export async function syncStatus(rt: Runtime): Promise<StatusSyncReport> {
  const cache = new ServiceCache();
  const keys = new Map<string, ReturnType<typeof keysOfChange>[number]>();
  for (const object of await listManaged(rt)) {
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
