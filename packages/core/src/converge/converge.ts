import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { Runtime } from '../runtime/runtime.js';
import type { DeploymentKey } from './deployment-key.js';
import { desiredManifest } from './desired-manifest.js';
import { planStep, type Step } from './plan-step.js';
import { readKeyState, type EventHints } from './read-key-state.js';
import { serviceNameFor } from './service-name-for.js';

/** Options of {@link converge}. */
export interface ConvergeOptions {
  /** What the triggering event said (storage hints; decides alone only without MLflow). */
  hints?: EventHints;
  /** Decide, but write nothing. */
  dryRun?: boolean;
  /** Alias services: send all traffic to the current version (remove the canary setting). */
  promote?: boolean;
  /** When aborted (the delivery deadline passed), no write starts any more. */
  signal?: AbortSignal;
}

/** What {@link converge} found and did. `action` is what happened, or with `dryRun` what would. */
export interface ConvergeResult {
  key: DeploymentKey;
  action: 'created' | 'updated' | 'deleted' | 'unchanged';
  name: string;
  namespace: string;
  /** Whether MLflow's state calls for a service. */
  wanted: boolean;
  /** The version the service serves (when wanted). */
  servedVersion: string | undefined;
  /** Why no service is wanted. */
  reason: string | undefined;
  /** MLflow's current state decided (normal), or the event alone (MLflow not configured). */
  decidedBy: 'mlflow' | 'event';
  dryRun: boolean;
}

const done: Record<Exclude<Step['type'], 'conflict'>, ConvergeResult['action']> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  unchanged: 'unchanged',
};

/**
 * Brings one key's InferenceService to what MLflow says now — the one function every trigger uses (webhook,
 * reconcile, `mlflow-kserve sync`, `promote`). Under a per-name lock: reads MLflow's current state for the
 * key, renders the desired InferenceService (or none), reads what exists, decides the step
 * ({@link planStep}) and writes it with preconditions (`resourceVersion` for updates, `uid` for deletes).
 * Anything unexpected throws before a write; a delete happens only on MLflow's fresh, well-formed answer.
 *
 * @throws MlflowKserveError `name_conflict` (→ 409), `mlflow_error` (→ 502), `kubernetes_error` (→ 500), …
 * @example
 * ```ts
 * await converge(runtime, versionKey('iris-classifier', '3')); // { action: 'created', name: 'mlflow-iris-classifier-v3', … }
 * await converge(runtime, aliasKey('iris-classifier', 'champion'), { dryRun: true });
 * ```
 */
export async function converge(rt: Runtime, key: DeploymentKey, options: ConvergeOptions = {}): Promise<ConvergeResult> {
  const namespace = rt.config.kube_namespace;
  const name = serviceNameFor(key, namespace);
  return rt.mutex.run(`${namespace}/${name}`, async () => {
    const state = await readKeyState(rt, key, options.hints);
    const desired = state.wanted ? await desiredManifest(rt, key, state.version, options.hints) : null;
    const existing = await rt.kube.get(namespace, name).catch((error: unknown) => {
      throw asKubeError(error, `Kubernetes get of ${namespace}/${name}`);
    });
    const step = planStep(key, desired, existing, { percent: rt.config.canary_traffic_percent, promote: options.promote });
    if (step.type === 'conflict') {
      throw new MlflowKserveError(
        'name_conflict',
        `InferenceService ${namespace}/${name} ${step.reason}; refusing to overwrite or delete it. Rename or remove it, or use another namespace.`,
        { retryable: false, details: { name, namespace } },
      );
    }
    const dryRun = Boolean(options.dryRun);
    if (!dryRun && step.type !== 'unchanged') {
      options.signal?.throwIfAborted();
      await write(rt, namespace, name, step);
    }
    return {
      key,
      action: done[step.type],
      name,
      namespace,
      wanted: state.wanted,
      servedVersion: state.wanted ? state.version.version : undefined,
      reason: state.wanted ? undefined : state.reason,
      decidedBy: state.decidedBy,
      dryRun,
    };
  });
}

/** Performs a step with its precondition, counting it in the metrics. */
async function write(rt: Runtime, namespace: string, name: string, step: Exclude<Step, { type: 'unchanged' | 'conflict' }>): Promise<void> {
  const operation = step.type === 'delete' ? 'delete' : 'apply';
  try {
    if (step.type === 'delete') await rt.kube.delete(namespace, name, { uid: step.uid });
    else await rt.kube.apply(step.manifest, { resourceVersion: step.type === 'update' ? step.resourceVersion : undefined });
    rt.metrics.inferenceServiceOperation(operation, 'success');
  } catch (error) {
    rt.metrics.inferenceServiceOperation(operation, 'error');
    throw asKubeError(error, `Kubernetes ${operation} of ${namespace}/${name}`);
  }
}

function asKubeError(error: unknown, what: string): MlflowKserveError {
  if (MlflowKserveError.isInstance(error)) return error;
  return new MlflowKserveError('kubernetes_error', `${what} failed unexpectedly.`, { cause: error });
}
