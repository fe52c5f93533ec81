import { kubeTarget } from '../config/kube-target.js';
import { serviceNamespaces } from '../config/service-namespaces.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { DeploymentKey } from '../keys/deployment-key.js';
import { describeKey, identityOf, serviceNameFor } from '../keys/identity-of.js';
import { ownershipConflict } from '../ownership/ownership.js';
import type { Runtime } from '../runtime/runtime.js';
import { statusWritebackEnabled } from '../status/status-writeback-enabled.js';
import { writeStatus } from '../status/write-status.js';
import { preflightProblems } from '../preflight/preflight-problems.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import type { ChangeCause } from '../ports/change-cause.js';
import { type DesiredService, desiredManifest } from './desired-manifest.js';
import { readKeyState } from './key-queries/query-of.js';
import type { KeyState } from './key-state.js';
import { planStep, type Step } from './plan-step.js';
import { afterRollout, rolloutStep } from './rollout-step.js';

/** Options of {@link converge}. */
export interface ConvergeOptions {
  /** Decide, but write nothing. */
  dryRun?: boolean;
  /**
   * Alias services: observe the canary and run the analysis, so a rollout can move on (the leader's
   * queue). Without it a rollout holds its current step (webhook deliveries answer at once).
   */
  analyze?: boolean;
  /** Alias services, a person's command: `promote` skips the remaining steps, `rollback` aborts now. */
  command?: 'promote' | 'rollback';
  /** When aborted (the delivery deadline passed), no write starts any more. */
  signal?: AbortSignal;
  /** MLflow's delivery id, when a delivery asked for this converge (the Git target's commit names it). */
  delivery?: string;
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
  /** The step at the key's own name (`conflict` never: that throws). */
  step: Exclude<Step['type'], 'conflict'>;
  /** The key's services in other allowed namespaces that were (or, dry run, would be) deleted: left by a move. */
  strays: { namespace: string; name: string }[];
  /** An alias service's rollout, when one is configured: where it stands after this converge. */
  rollout?: { phase: string | undefined; percent: number | undefined; outcome: string | undefined; reason: string | undefined };
  /** Converge this key again after this long (a rollout waiting for its next analysis). */
  requeueAfterMs?: number;
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
 * reconcile, `mlflow-kserve sync`, `promote`). Under a per-key lock: reads MLflow's current state for the
 * key (and, meanwhile, what exists in the default namespace), renders the desired InferenceService (or none), decides the step
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
  // A target whose writes land together (Git: one commit) runs the whole converge as one change, taken before the
  // key's lock so that a reconcile (one change around many keys) and a delivery never wait on each other in turn.
  if (!rt.kube.change || options.dryRun) return convergeKey(rt, key, options);
  const cause: ChangeCause = { key, ...(options.delivery ? { delivery: options.delivery } : {}) };
  return rt.kube.change(() => convergeKey(rt, key, options, cause), cause);
}

async function convergeKey(rt: Runtime, key: DeploymentKey, options: ConvergeOptions, cause?: ChangeCause): Promise<ConvergeResult> {
  const dryRun = Boolean(options.dryRun);
  return rt.mutex.run(describeKey(key), async () => {
    let action: ConvergeResult['action'] = 'unchanged';
    // MLflow's state read after the previous round's write: as fresh as a new read, so the next round uses it.
    let confirmedState: KeyState | undefined;
    for (let round = 1; ; round += 1) {
      // What exists in the default namespace is read while MLflow is read (both are needed; neither
      // depends on the other), so a delivery waits for one round trip instead of two.
      const defaultName = serviceNameFor(key, rt.config.kube_namespace);
      const early = settle(rt.kube.get(rt.config.kube_namespace, defaultName));
      const state = confirmedState ?? (await readKeyState(rt, key));
      if (cause) cause.why = whyOf(rt, key, state);
      let desired: DesiredService | null = null;
      try {
        desired = state.wanted ? await desiredManifest(rt, key, state.version) : null;
      } catch (error) {
        if (MlflowKserveError.isInstance(error) && error.code === 'invalid_override' && state.wanted && !dryRun) {
          await reportRejected(rt, key, error.message);
        }
        throw error;
      }
      // The namespace is part of what MLflow says (a model may choose one with kserve.namespace).
      const namespace = desired?.manifest.metadata.namespace ?? rt.config.kube_namespace;
      const name = serviceNameFor(key, namespace);
      const read = namespace === rt.config.kube_namespace ? await early : await settle(rt.kube.get(namespace, name));
      if (!read.ok) throw asKubeError(read.error, `Kubernetes get of ${namespace}/${name}`);
      const existing = read.value;
      // Before anything is written for a wanted key: would KServe be able to serve it? (What serves stays.)
      if (state.wanted && desired) await preflight(rt, key, state.version.version, desired, existing, dryRun);
      // A key that follows a moving target (an alias) moves to a new version through a rollout.
      const rollout =
        state.wanted && desired && identityOf(key).followsMovingTarget
          ? await rolloutStep(rt, key, desired, existing, state.version.version, options)
          : undefined;
      if (rollout) desired = rollout.desired;
      const step = planStep(key, desired?.manifest ?? null, existing);
      if (step.type === 'conflict') {
        throw new MlflowKserveError(
          'name_conflict',
          `InferenceService ${namespace}/${name} ${step.reason}; refusing to overwrite or delete it. Rename or remove it, or use another namespace.`,
          { retryable: false, details: { name, namespace } },
        );
      }
      // The key's services in other namespaces: left behind by a move, or not wanted anywhere.
      const strays = await straysOf(rt, key, namespace);
      const result = (): ConvergeResult => ({
        key,
        action,
        name,
        namespace,
        wanted: state.wanted,
        servedVersion: state.wanted ? state.version.version : undefined,
        reason: state.wanted ? undefined : state.reason,
        step: step.type,
        strays: strays.map(({ namespace: ns, name: n }) => ({ namespace: ns, name: n })),
        ...(rollout
          ? {
              rollout: {
                phase: rollout.decision.record.phase,
                percent: rollout.decision.percent,
                outcome: rollout.decision.outcome,
                reason: rollout.decision.record.reason,
              },
              ...(rollout.decision.requeueAfterMs === undefined ? {} : { requeueAfterMs: rollout.decision.requeueAfterMs }),
            }
          : {}),
        dryRun,
      });
      if (step.type !== 'unchanged') action = done[step.type];
      else if (strays.length > 0) action = 'deleted';
      if (dryRun || (step.type === 'unchanged' && strays.length === 0)) return result();
      options.signal?.throwIfAborted();
      if (step.type !== 'unchanged') await write(rt, namespace, name, step);
      // Only after the new one is applied: a model moving namespaces is never unserved in between.
      for (const stray of strays) await write(rt, stray.namespace, stray.name, { type: 'delete', uid: stray.uid });
      await reportWritten(rt, key, state, namespace, name);
      if (rollout) await afterRollout(rt, key, rollout.decision);
      // Another replica may have acted on a newer MLflow state while this one wrote an older one. Read
      // again: if MLflow moved meanwhile, converge again, so the last write to land always agrees with it.
      // When another converge of this key waits here (already, or from before this read answers), it reads
      // MLflow after this write anyway: return at once instead of making it wait for this read.
      if (rt.mutex.waiting(describeKey(key)) > 0) return result();
      const queued = rt.mutex.whenWaiting(describeKey(key));
      const confirmed = await Promise.race([settle(readKeyState(rt, key)), queued.promise.then(() => 'superseded' as const)]);
      queued.cancel();
      if (confirmed === 'superseded') return result();
      if (!confirmed.ok) throw confirmed.error;
      if (sameBasis(state, confirmed.value)) return result();
      if (round >= maxRounds) {
        throw new MlflowKserveError(
          'mlflow_error',
          `MLflow kept changing ${describeKey(key)} while it was being converged; MLflow's retry will converge it again.`,
          {
            retryable: true,
          },
        );
      }
      confirmedState = confirmed.value;
      rt.logger.info({ key: describeKey(key), round }, 'MLflow changed while writing; converging again');
    }
  });
}

/** Services of `key` in the other allowed namespaces (none to look for with a single namespace). */
async function straysOf(
  rt: Runtime,
  key: DeploymentKey,
  namespace: string,
): Promise<{ namespace: string; name: string; uid: string | undefined }[]> {
  const strays: { namespace: string; name: string; uid: string | undefined }[] = [];
  for (const other of serviceNamespaces(rt.config)) {
    if (other === namespace) continue;
    const name = serviceNameFor(key, other);
    const found = await rt.kube.get(other, name).catch((error: unknown) => {
      throw asKubeError(error, `Kubernetes get of ${other}/${name}`);
    });
    if (found && !ownershipConflict(found, key))
      strays.push({ namespace: other, name, uid: typeof found.metadata['uid'] === 'string' ? found.metadata['uid'] : undefined });
  }
  return strays;
}

/** A promise's outcome as a value: started early, awaited later, never an unhandled rejection. */
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** Most read-write rounds in one converge before giving up (MLflow retries the delivery). */
const maxRounds = 3;

/** Whether two reads of MLflow call for the same InferenceService. */
function sameBasis(a: KeyState, b: KeyState): boolean {
  if (!a.wanted || !b.wanted) return a.wanted === b.wanted;
  return a.version.version === b.version.version && a.version.source === b.version.source && a.version.runId === b.version.runId;
}

/**
 * The preflight, when the desired service differs from what exists (so something would be written): the
 * version's `MLmodel` and, on a cluster, its ServingRuntimes judged against the manifest ({@link preflightProblems}).
 * Problems refuse the key with `preflight_failed` (→ 422), said where its status lives.
 */
async function preflight(
  rt: Runtime,
  key: DeploymentKey,
  version: string,
  desired: DesiredService,
  existing: InferenceServiceManifest | null,
  dryRun: boolean,
): Promise<void> {
  if (desired.mlmodel === undefined && desired.mlmodelError === undefined) return;
  const pending = planStep(key, desired.manifest, existing).type;
  if (pending !== 'create' && pending !== 'update') return;
  // MLflow could not be asked: no verdict either way, so nothing is written and MLflow retries.
  if (desired.mlmodelError !== undefined) throw desired.mlmodelError;
  if (desired.mlmodel === undefined) return;
  const namespace = desired.manifest.metadata.namespace;
  const runtimes = rt.kube.servingRuntimes
    ? await rt.kube.servingRuntimes(namespace).catch((error: unknown) => {
        throw asKubeError(error, `Kubernetes list of ServingRuntimes for ${namespace}`);
      })
    : undefined;
  const problems = preflightProblems({ manifest: desired.manifest, mlmodel: desired.mlmodel, runtimes });
  if (problems.length === 0) return;
  const error = new MlflowKserveError(
    'preflight_failed',
    `Model ${key.model} version ${version} cannot be served: ${problems.map((p) => p.message).join('; ')}. Fix the model in MLflow (docs/preflight.md says how for each reason), or set MLFLOW_KSERVE_PREFLIGHT=off.`,
    { retryable: false, details: { problems: problems.map((p) => p.message), reasons: problems.map((p) => p.reason) } },
  );
  if (!dryRun) {
    for (const problem of problems) {
      rt.metrics.preflightRejected?.(problem.reason);
      rt.state.preflightRejections[problem.reason] = (rt.state.preflightRejections[problem.reason] ?? 0) + 1;
    }
    await reportRejected(rt, key, error.message);
  }
  throw error;
}

/** A model's override tags were refused: say so where the key's status lives, where its owner looks. */
async function reportRejected(rt: Runtime, key: DeploymentKey, why: string): Promise<void> {
  if (!statusWritebackEnabled(rt.config)) return;
  try {
    await writeStatus(rt, { key, object: null, rejected: why });
  } catch (error) {
    rt.logger.warn({ key: describeKey(key), error: (error as Error).message }, 'writing the status to MLflow failed');
  }
}

/**
 * A target without a cluster, with status write-back: the manifest was rendered or committed (or removed); say so
 * in MLflow — for the directory target now, for the Git target once its commit is pushed.
 */
async function reportWritten(rt: Runtime, key: DeploymentKey, state: KeyState, namespace: string, name: string): Promise<void> {
  const kind = kubeTarget(rt.config).kind;
  if (!statusWritebackEnabled(rt.config) || kind === 'cluster') return;
  const report = async (commit?: string): Promise<void> => {
    const written = { namespace, name, path: `${namespace}/${name}.yaml`, servedVersion: state.wanted ? state.version.version : '' };
    try {
      await writeStatus(rt, {
        key,
        object: null,
        ...(state.wanted ? (commit === undefined ? { rendered: written } : { committed: { ...written, commit } }) : {}),
      });
    } catch (error) {
      rt.logger.warn({ key: describeKey(key), error: (error as Error).message }, 'writing the status to MLflow failed');
    }
  };
  if (rt.kube.afterChange) rt.kube.afterChange((commit) => report(commit));
  else await report();
}

/** Why MLflow wants the key's service (`deploy=true`) or does not, as a commit message says it. */
function whyOf(rt: Runtime, key: DeploymentKey, state: KeyState): string | undefined {
  if (!state.wanted) return state.reason;
  // A key that follows a moving target (an alias) is wanted because of where it points, not a tag.
  if (identityOf(key).followsMovingTarget) return undefined;
  const tag = state.version.tags[rt.policy.tagKey];
  return tag === undefined ? undefined : `${rt.policy.tagKey}=${tag}`;
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
