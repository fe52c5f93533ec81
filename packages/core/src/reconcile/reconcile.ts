import { converge } from '../converge/converge.js';
import { type DeploymentKey, describeKey } from '../converge/deployment-key.js';
import { keyKinds, kindOf } from '../converge/key-kinds/kind-of.js';
import { desiredManifest } from '../converge/desired-manifest.js';
import { planStep, type Step } from '../converge/plan-step.js';
import { serviceNameFor } from '../converge/service-name-for.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { toMlflowKserveError } from '../errors/to-mlflow-kserve-error.js';
import { Ownership, ownerOf } from '../ownership/ownership.js';
import { serviceNamespaces } from '../config/service-namespaces.js';
import type { ModelVersion } from '../ports/mlflow-port.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import { type MlflowKserveDeps, type Runtime, toRuntime } from '../runtime/runtime.js';
import { mapWithConcurrency } from '../util/map-with-concurrency.js';

/** Options of {@link reconcile}. */
export interface ReconcileOptions {
  /** Plan only; perform no write. */
  dryRun?: boolean;
  /** Write even when the run would delete more than `reconcile_max_delete_ratio` of the managed services. */
  allowMassDelete?: boolean;
  /** Called after each step (progress for long runs). */
  onProgress?: (done: number, total: number) => void;
}

/** What a reconcile step is. */
export type ReconcileAction = 'create' | 'update' | 'delete' | 'unchanged' | 'conflict' | 'error';

/** One line of a {@link ReconcileReport}. */
export interface ReconcileItem {
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

interface Candidate {
  key: DeploymentKey;
  /** From the snapshot: the version that should be served, if any. */
  version: ModelVersion | undefined;
  /** The key's InferenceServices, in whichever allowed namespaces they are. */
  existing: InferenceServiceManifest[];
}

const stepAction: Record<Step['type'], ReconcileAction> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  unchanged: 'unchanged',
  conflict: 'conflict',
};
const resultAction = { created: 'create', updated: 'update', deleted: 'delete', unchanged: 'unchanged' } as const;

/**
 * Converges Kubernetes on MLflow. Keys come from MLflow (versions tagged for deployment, configured aliases
 * of every registered model) and from the cluster (every managed InferenceService records its key). A plan
 * is made from that snapshot; when it would delete more than `reconcile_max_delete_ratio` of the managed
 * services (and more than 5), nothing is written and the report says why. Otherwise every step that
 * changes something goes through {@link converge}, which reads MLflow afresh under the key's lock, so a
 * webhook that acted while the snapshot was taken is never undone. MLflow failing aborts before any write.
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
  if (!rt.mlflow) throw new MlflowKserveError('config_invalid', 'Reconcile needs MLflow: set MLFLOW_KSERVE_MLFLOW_TRACKING_URI.');
  const namespace = rt.config.kube_namespace;
  const concurrency = rt.config.reconcile_concurrency;
  const dryRun = Boolean(options.dryRun);
  const [wanted, lives] = await Promise.all([
    Promise.all(keyKinds.map((kind) => kind.wantedInMlflow(rt))),
    Promise.all(serviceNamespaces(rt.config).map((ns) => rt.kube.list(ns, Ownership.selector))),
  ]);
  const live = lives.flat();

  const candidates = new Map<string, Candidate>();
  for (const { key, version } of wanted.flat()) candidates.set(describeKey(key), { key, version, existing: [] });
  const items: ReconcileItem[] = [];
  for (const object of live) {
    const owner = ownerOf(object);
    if (!owner.managed) continue;
    if (!owner.key) {
      items.push({
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
    const candidate = candidates.get(id) ?? { key: owner.key, version: undefined, existing: [] };
    candidate.existing.push(object);
    candidates.set(id, candidate);
  }

  const planned = await mapWithConcurrency([...candidates.values()], concurrency, async (c) => {
    try {
      const desired = c.version ? await desiredManifest(rt, c.key, c.version) : null;
      const target = desired?.manifest.metadata.namespace ?? namespace;
      const inTarget = c.existing.find((o) => o.metadata.namespace === target) ?? null;
      const step = planStep(c.key, desired?.manifest ?? null, inTarget, { percent: desired?.canaryPercent });
      const main: ReconcileItem = {
        ...itemBase(c.key, target, c.version?.version),
        action: stepAction[step.type],
        outcome: 'planned',
        ...(step.type === 'conflict' ? { error: step.reason } : {}),
      };
      // Copies in other namespaces (a model that moved) go once the service stands in its new namespace.
      const strays = c.existing
        .filter((o) => o.metadata.namespace !== target)
        .map(
          (o): ReconcileItem => ({
            ...itemBase(c.key, o.metadata.namespace, c.version?.version),
            name: o.metadata.name,
            action: 'delete',
            outcome: 'planned',
          }),
        );
      return { candidate: c, items: [main, ...strays] };
    } catch (thrown) {
      // A service whose manifest cannot be built now keeps running: never delete on an error.
      const error = toMlflowKserveError(thrown).message;
      return {
        candidate: c,
        items: [{ ...itemBase(c.key, namespace, c.version?.version), action: 'error', outcome: 'failed', error } as ReconcileItem],
      };
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

  let done = 0;
  const executed = await mapWithConcurrency(planned, concurrency, async ({ candidate, items: planItems }): Promise<ReconcileItem[]> => {
    let results = planItems;
    const changes = planItems.some((i) => i.outcome === 'planned' && i.action !== 'unchanged' && i.action !== 'conflict');
    if (!dryRun && !blocked && changes) {
      try {
        const converged = await converge(rt, candidate.key);
        results = planItems.map((item, i) =>
          i === 0
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

  const all = [...executed.flat(), ...items].sort((a, b) => a.name.localeCompare(b.name) || a.namespace.localeCompare(b.namespace));
  const counts: Record<ReconcileAction, number> = { create: 0, update: 0, delete: 0, unchanged: 0, conflict: 0, error: 0 };
  for (const item of all) counts[item.action] += 1;
  const failed = all.filter((i) => i.outcome === 'failed').length;
  const report: ReconcileReport = { dryRun, namespace, counts, failed, ...(blocked ? { blocked } : {}), items: all };
  if (!dryRun) rt.state.reconcileBlocked = blocked;
  if (blocked) rt.logger.error({ deletes, managed, max_delete_ratio: ratio }, blocked);
  rt.logger.info({ dry_run: dryRun, ...counts, failed, blocked: Boolean(blocked) }, 'reconcile finished');
  return report;
}

function itemBase(key: DeploymentKey, namespace: string, version: string | undefined): Omit<ReconcileItem, 'action' | 'outcome'> {
  return {
    name: serviceNameFor(key, namespace),
    namespace,
    model: key.model,
    version: version ?? ('version' in key ? key.version : undefined),
    ...kindOf(key).templateValues(key),
  };
}
