import { wantsDeployment } from '../decide/wants-deployment.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { inferenceServiceName } from '../naming/inference-service-name.js';
import { applyInferenceService, deleteInferenceService } from '../ownership/apply-inference-service.js';
import type { ModelVersion } from '../ports/mlflow-port.js';
import { buildManifest, type EventHints } from './build-manifest.js';
import type { Runtime } from './runtime.js';

/** Outcome of {@link syncModelVersion}. */
export interface SyncResult {
  action: 'created' | 'updated' | 'deleted' | 'unchanged';
  name: string;
  namespace: string;
  /** What was converged to. */
  desired: 'apply' | 'delete';
  /** Whether MLflow's current state decided (normal) or only the event (MLflow unreachable or not configured). */
  decidedBy: 'mlflow' | 'event';
}

/**
 * Converges one model version: the event says what to look at, MLflow's *current* tags say what should
 * be (so an old, retried or reordered delivery never undoes a newer decision; a version deleted in MLflow
 * is undeployed). If MLflow cannot be read, a delete proceeds on the event's word and an apply fails with
 * a retryable `mlflow_error` (→ 502). Serialized per InferenceService name within the process.
 *
 * @example
 * ```ts
 * await syncModelVersion(runtime, 'iris-classifier', '3', 'apply'); // { action: 'created', … }
 * ```
 */
export async function syncModelVersion(
  rt: Runtime,
  model: string,
  version: string,
  intent: 'apply' | 'delete',
  hints: EventHints = {},
): Promise<SyncResult> {
  const namespace = rt.config.kube_namespace;
  const name = inferenceServiceName(model, version, { namespace });
  return rt.mutex.run(`${namespace}/${name}`, async () => {
    let current: ModelVersion | null | undefined;
    let decidedBy: SyncResult['decidedBy'] = 'event';
    if (rt.mlflow) {
      try {
        current = await rt.mlflow.getModelVersion(model, version);
        decidedBy = 'mlflow';
      } catch (error) {
        if (intent === 'apply') throw error;
        rt.logger.warn({ model, version, error: (error as Error).message }, 'MLflow unreachable; deleting on the event alone');
      }
    }
    let desired = intent;
    if (decidedBy === 'mlflow') desired = wantsDeployment(current, rt.policy) ? 'apply' : 'delete';
    if (desired !== intent) {
      const why = !current
        ? 'version no longer exists in MLflow'
        : current.status === 'FAILED_REGISTRATION'
          ? 'version registration failed in MLflow; not deploying it'
          : "MLflow's current tags override the event";
      rt.logger.info({ model, version, event: intent, current: desired }, why);
    }
    const owner = { model, version };
    if (desired === 'delete') {
      const outcome = await operate(rt, 'delete', () => deleteInferenceService(rt.kube, namespace, name, owner));
      return { action: outcome === 'deleted' ? 'deleted' : 'unchanged', name, namespace, desired, decidedBy };
    }
    const { object } = await buildManifest(rt, model, version, current ?? undefined, hints);
    const outcome = await operate(rt, 'apply', () => applyInferenceService(rt.kube, object, owner));
    return { action: outcome as SyncResult['action'], name, namespace, desired, decidedBy };
  });
}

async function operate<T>(rt: Runtime, operation: 'apply' | 'delete', work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    rt.metrics.inferenceServiceOperation(operation, 'success');
    return result;
  } catch (error) {
    rt.metrics.inferenceServiceOperation(operation, 'error');
    if (MlflowKserveError.isInstance(error)) throw error;
    throw new MlflowKserveError('kubernetes_error', `Kubernetes ${operation} failed unexpectedly.`, { cause: error });
  }
}
