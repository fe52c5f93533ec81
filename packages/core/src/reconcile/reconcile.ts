import { type ConvergeResult, converge } from '../converge/converge.js';
import { keyQueries } from '../converge/key-queries/query-of.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { toMlflowKserveError } from '../errors/to-mlflow-kserve-error.js';
import type { DeploymentKey } from '../keys/deployment-key.js';
import { describeKey, identityOf, serviceNameFor } from '../keys/identity-of.js';
import { listManaged } from '../ownership/list-managed.js';
import { ownerOf } from '../ownership/ownership.js';
import { type MlflowKserveDeps, type Runtime, toRuntime } from '../runtime/runtime.js';
import { mapWithConcurrency } from '../util/map-with-concurrency.js';

/** Options of {@link reconcile}. */
export interface ReconcileOptions {
  /** Plan only; perform no write. */
  dryRun?: boolean;
  /** Write even when the run would delete more than `reconcile_max_delete_ratio` of the managed services. */
  allowMassDelete?: boolean;
  /** Called after each key (progress for long runs). */
  onProgress?: (done: number, total: number) => void;
  /**
   * How a key that needs a change is converged. Default: `converge(runtime, key)` at once; the background
   * work passes its work queue's, so the write is deduplicated with other work on the key and retried with
   * backoff when it fails. `undefined` when the queue folded it into newer work on the same key.
   */
  write?: (key: DeploymentKey) => Promise<ConvergeResult | undefined>;
}

/** What a reconcile step is. */
/**
 * `rejected`: MLflow asks for something that can never be served as it is (the preflight's refusal, an override beyond
 * its bounds, a storage URI KServe cannot pull) — the model's owner has to act; not a failure of the reconcile.
 */
export type ReconcileAction = 'create' | 'update' | 'delete' | 'unchanged' | 'conflict' | 'rejected' | 'error';

/** The errors that refuse a key for good (4xx): what MLflow asks is wrong, not that something failed. */
const refusals = new Set(['preflight_failed', 'invalid_override', 'storage_uri_unusable']);

/** One line of a {@link ReconcileReport}. */
export interface ReconcileItem {
  /** The deployment key (`iris/3`, `iris@champion`); unset for a managed service that records none. */
  key?: string;
  name: string;
  namespace: string;
  model: string | undefined;
  /** The version served or to serve (for an alias: where it points). */
  version: string | undefined;
  alias?: string;
  action: ReconcileAction;
  outcome: 'planned' | 'done' | 'skipped' | 'failed';
  error?: string;
}

/** What a reconcile found and did. */
export interface ReconcileReport {
  dryRun: boolean;
  /** The default namespace (`kube_namespace`); items name their own. */
  namespace: string;
  counts: Record<ReconcileAction, number>;
  failed: number;
  /** Set when the mass-delete guard stopped the run before any write: why, and what to do. */
  blocked?: string;
  items: ReconcileItem[];
}

/** Fewest deletions the mass-delete guard ever stops. */
export const massDeleteFloor = 5;

const stepAction = { create: 'create', update: 'update', delete: 'delete', unchanged: 'unchanged' } as const;
const resultAction = { created: 'create', updated: 'update', deleted: 'delete', unchanged: 'unchanged' } as const;

/**
 * Converges Kubernetes on MLflow, key by key. It only enumerates keys: those MLflow wants now (versions
 * tagged for deployment, configured aliases of every registered model) and those the cluster has (every
 * managed InferenceService records its key). Each key's plan is `converge(key, { dryRun: true })`; when the
 * plan would delete more than `reconcile_max_delete_ratio` of the managed services (and more than 5),
 * nothing is written and the report says why. Otherwise every key that needs a change is converged (again
 * reading MLflow afresh under the key's lock, so a webhook that acted meanwhile is never undone). A listing
 * that fails aborts before any write; a key whose plan fails keeps its running service.
 *
 * @throws MlflowKserveError when MLflow or the list call fails.
 * @example
 * ```ts
 * const report = await reconcile({ config, kube, mlflow }, { dryRun: true });
 * console.table(report.items);
 * ```
 */
export async function reconcile(deps: MlflowKserveDeps | Runtime, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const rt = toRuntime(deps);
  if (rt.recordEvent) throw new MlflowKserveError('config_invalid', 'Reconcile needs MLflow: set MLFLOW_KSERVE_MLFLOW_TRACKING_URI.');
  // A target whose writes land together (Git): the whole run is one change (one commit), planned on one tip.
  if (rt.kube.change && !options.dryRun && !options.write)
    return rt.kube.change(() => reconcileKeys(rt, options), { trigger: 'reconcile' });
  return reconcileKeys(rt, options);
}

async function reconcileKeys(rt: Runtime, options: ReconcileOptions): Promise<ReconcileReport> {
  const namespace = rt.config.kube_namespace;
  const concurrency = rt.config.reconcile_concurrency;
  const dryRun = Boolean(options.dryRun);
  const [wanted, live] = await Promise.all([Promise.all(keyQueries.map((query) => query.listWanted(rt))), listManaged(rt)]);

  const keys = new Map<string, DeploymentKey>();
  for (const { key } of wanted.flat()) keys.set(describeKey(key), key);
  /** The version each key's live services serve (for the report of a deletion). */
  const liveVersion = new Map<string, string | undefined>();
  const unowned: ReconcileItem[] = [];
  for (const object of live) {
    const owner = ownerOf(object);
    if (!owner.managed) continue;
    if (!owner.key) {
      unowned.push({
        name: object.metadata.name,
        namespace: object.metadata.namespace,
        model: undefined,
        version: undefined,
        action: 'conflict',
        outcome: 'skipped',
        error: 'managed-by label without model annotations; not touched',
      });
      continue;
    }
    const id = describeKey(owner.key);
    keys.set(id, owner.key);
    liveVersion.set(id, owner.servedVersion);
  }

  const planned = await mapWithConcurrency([...keys.values()], concurrency, async (key) => {
    try {
      return { key, items: itemsOf(await converge(rt, key, { dryRun: true }), liveVersion.get(describeKey(key))) };
    } catch (thrown) {
      // A key whose plan cannot be made now keeps its running service: never delete on an error.
      const error = toMlflowKserveError(thrown);
      const conflict = error.code === 'name_conflict';
      const refused = refusals.has(error.code);
      const where = conflict ? (error.details as { name?: string; namespace?: string } | undefined) : undefined;
      const item: ReconcileItem = {
        ...itemBase(key, where?.namespace ?? namespace, liveVersion.get(describeKey(key))),
        ...(where?.name ? { name: where.name } : {}),
        action: conflict ? 'conflict' : refused ? 'rejected' : 'error',
        outcome: conflict || refused ? 'planned' : 'failed',
        error: error.message,
      };
      return { key, items: [item] };
    }
  });

  const deletes = planned.flatMap((p) => p.items).filter((i) => i.action === 'delete').length;
  const managed = live.filter((o) => ownerOf(o).managed).length;
  const ratio = rt.config.reconcile_max_delete_ratio;
  const blocked =
    deletes > massDeleteFloor && deletes > ratio * managed && !options.allowMassDelete
      ? `This run would delete ${deletes} of ${managed} managed InferenceServices (more than ${Math.round(ratio * 100)} %); nothing was written. ` +
        'If MLflow really stopped wanting them, run `mlflow-kserve reconcile --allow-mass-delete` or raise MLFLOW_KSERVE_RECONCILE_MAX_DELETE_RATIO.'
      : undefined;

  const write = options.write ?? ((key: DeploymentKey) => converge(rt, key));
  let done = 0;
  const executed = await mapWithConcurrency(planned, concurrency, async ({ key, items: planItems }): Promise<ReconcileItem[]> => {
    let results = planItems;
    const changes = planItems.some(
      (i) => i.outcome === 'planned' && i.action !== 'unchanged' && i.action !== 'conflict' && i.action !== 'rejected',
    );
    if (!dryRun && planItems.some((i) => i.action === 'rejected')) {
      // Converged for real, the refusal is said where the key's status lives (kserve.status=Rejected); nothing is written.
      if (!blocked) await write(key).catch(() => undefined);
      results = planItems.map((item) => ({ ...item, outcome: 'skipped' }));
    } else if (!dryRun && !blocked && changes) {
      try {
        const converged = await write(key);
        results = planItems.map((item, i) =>
          i === 0 && converged
            ? { ...item, version: converged.servedVersion ?? item.version, action: resultAction[converged.action], outcome: 'done' }
            : { ...item, outcome: 'done' },
        );
      } catch (thrown) {
        results = planItems.map((item) => ({ ...item, outcome: 'failed', error: toMlflowKserveError(thrown).message }));
      }
    } else if (!dryRun && !changes) {
      results = planItems.map((item) =>
        item.outcome === 'planned' ? { ...item, outcome: item.action === 'conflict' ? 'skipped' : 'done' } : item,
      );
    }
    done += 1;
    options.onProgress?.(done, planned.length);
    return results;
  });

  const all = [...executed.flat(), ...unowned].sort((a, b) => a.name.localeCompare(b.name) || a.namespace.localeCompare(b.namespace));
  const counts: Record<ReconcileAction, number> = { create: 0, update: 0, delete: 0, unchanged: 0, conflict: 0, rejected: 0, error: 0 };
  for (const item of all) counts[item.action] += 1;
  const failed = all.filter((i) => i.outcome === 'failed').length;
  const report: ReconcileReport = { dryRun, namespace, counts, failed, ...(blocked ? { blocked } : {}), items: all };
  if (!dryRun) rt.state.reconcileBlocked = blocked;
  if (blocked) rt.logger.error({ deletes, managed, max_delete_ratio: ratio }, blocked);
  rt.logger.info({ dry_run: dryRun, ...counts, failed, blocked: Boolean(blocked) }, 'reconcile finished');
  return report;
}

/** A dry-run converge as report lines: the key's own service, then copies left in other namespaces. */
function itemsOf(result: ConvergeResult, liveVersion: string | undefined): ReconcileItem[] {
  const version = result.servedVersion ?? liveVersion;
  const main: ReconcileItem = {
    ...itemBase(result.key, result.namespace, version),
    name: result.name,
    action: stepAction[result.step],
    outcome: 'planned',
  };
  const strays = result.strays.map(
    (stray): ReconcileItem => ({
      ...itemBase(result.key, stray.namespace, version),
      name: stray.name,
      action: 'delete',
      outcome: 'planned',
    }),
  );
  return [main, ...strays];
}

function itemBase(key: DeploymentKey, namespace: string, version: string | undefined): Omit<ReconcileItem, 'action' | 'outcome'> {
  return {
    key: describeKey(key),
    name: serviceNameFor(key, namespace),
    namespace,
    model: key.model,
    version,
    ...identityOf(key).templateValues(key),
  };
}
