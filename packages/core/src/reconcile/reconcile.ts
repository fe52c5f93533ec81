import { wantsDeployment } from '../decide/wants-deployment.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { toMlflowKserveError } from '../errors/to-mlflow-kserve-error.js';
import { inferenceServiceName } from '../naming/inference-service-name.js';
import { Ownership } from '../ownership/ownership.js';
import type { ModelVersion } from '../ports/mlflow-port.js';
import { buildManifest } from '../sync/build-manifest.js';
import { toRuntime, type MlflowKserveDeps, type Runtime } from '../sync/runtime.js';
import { mapWithConcurrency } from '../util/map-with-concurrency.js';
import { planReconcile, type DesiredService, type PlanItem } from './plan-reconcile.js';

/** Options of {@link reconcile}. */
export interface ReconcileOptions {
  /** Plan only; perform no write. */
  dryRun?: boolean;
  /** Called after each step (progress for long runs). */
  onProgress?: (done: number, total: number) => void;
}

/** One line of a {@link ReconcileReport}. */
export interface ReconcileItem {
  name: string;
  model: string | undefined;
  version: string | undefined;
  action: PlanItem['type'] | 'error';
  outcome: 'planned' | 'done' | 'skipped' | 'failed';
  error?: string;
}

/** What a reconcile found and did. */
export interface ReconcileReport {
  dryRun: boolean;
  namespace: string;
  counts: Record<'create' | 'update' | 'delete' | 'unchanged' | 'conflict' | 'error', number>;
  failed: number;
  items: ReconcileItem[];
}

/** Versions whose deploy tag is true, across all pages (one search per accepted value). */
async function desiredVersions(rt: Runtime): Promise<ModelVersion[]> {
  const mlflow = rt.mlflow!;
  const found = new Map<string, ModelVersion>();
  const key = rt.policy.tagKey.replace(/`/g, '');
  for (const value of rt.policy.trueValues) {
    const filter = `tags.\`${key}\` ILIKE '%${value.trim().replace(/'/g, "''")}%'`;
    let pageToken: string | undefined;
    do {
      const page = await mlflow.searchModelVersions({ filter, pageToken, maxResults: 1000 });
      for (const v of page.versions) if (wantsDeployment(v, rt.policy)) found.set(`${v.name}\u0000${v.version}`, v);
      pageToken = page.nextPageToken;
    } while (pageToken);
  }
  return [...found.values()];
}

/**
 * Converges Kubernetes on MLflow: desired = versions whose deploy tag is true (paginated search), actual =
 * InferenceServices with the managed-by label; a pure plan, then bounded-concurrency execution with
 * preconditions, so several replicas can run it at once. MLflow failing aborts before any write (an
 * empty answer must never delete everything). Dry-run writes nothing.
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
  const [versions, actual] = await Promise.all([desiredVersions(rt), rt.kube.list(namespace, Ownership.selector)]);

  const errors: ReconcileItem[] = [];
  const built = await mapWithConcurrency(versions, concurrency, async (v): Promise<DesiredService | undefined> => {
    try {
      const { object } = await buildManifest(rt, v.name, v.version, v);
      return { model: v.name, version: v.version, manifest: object };
    } catch (thrown) {
      const error = toMlflowKserveError(thrown);
      errors.push({
        name: inferenceServiceName(v.name, v.version, { namespace }),
        model: v.name,
        version: v.version,
        action: 'error',
        outcome: 'failed',
        error: error.message,
      });
      return undefined;
    }
  });
  const desired = built.filter((d): d is DesiredService => d !== undefined);
  // A version whose manifest could not be built must not lose its running service.
  const keep = new Set(errors.map((e) => `${e.model}\u0000${e.version}`));
  const plan = planReconcile(desired, actual).filter((step) => !(step.type === 'delete' && keep.has(`${step.model}\u0000${step.version}`)));

  let done = 0;
  const items = await mapWithConcurrency(plan, concurrency, async (step): Promise<ReconcileItem> => {
    const item = await execute(rt, step, Boolean(options.dryRun));
    done += 1;
    options.onProgress?.(done, plan.length);
    return item;
  });
  const all = [...items, ...errors];
  const counts = { create: 0, update: 0, delete: 0, unchanged: 0, conflict: 0, error: 0 };
  for (const item of all) counts[item.action] += 1;
  const report = {
    dryRun: Boolean(options.dryRun),
    namespace,
    counts,
    failed: all.filter((i) => i.outcome === 'failed').length,
    items: all,
  };
  rt.logger.info({ dry_run: report.dryRun, ...counts, failed: report.failed }, 'reconcile finished');
  return report;
}

async function execute(rt: Runtime, step: PlanItem, dryRun: boolean): Promise<ReconcileItem> {
  const item: ReconcileItem = {
    name: step.name,
    model: step.model,
    version: step.version,
    action: step.type,
    outcome: dryRun ? 'planned' : 'done',
  };
  if (step.type === 'unchanged') return { ...item, outcome: 'skipped' };
  if (step.type === 'conflict') return { ...item, outcome: 'failed', error: step.reason };
  if (dryRun) return item;
  const namespace = rt.config.kube_namespace;
  try {
    await rt.mutex.run(`${namespace}/${step.name}`, async () => {
      if (step.type === 'create') await rt.kube.apply(step.manifest, { resourceVersion: undefined });
      else if (step.type === 'update') await rt.kube.apply(step.manifest, { resourceVersion: step.resourceVersion });
      else await rt.kube.delete(namespace, step.name, { uid: step.uid });
    });
    rt.metrics.inferenceServiceOperation(step.type === 'delete' ? 'delete' : 'apply', 'success');
    return item;
  } catch (thrown) {
    rt.metrics.inferenceServiceOperation(step.type === 'delete' ? 'delete' : 'apply', 'error');
    return { ...item, outcome: 'failed', error: toMlflowKserveError(thrown).message };
  }
}
