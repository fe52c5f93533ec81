import { requiredAccess } from '../config/required-access.js';
import { toMlflowKserveError } from '../errors/to-mlflow-kserve-error.js';
import { type MlflowKserveDeps, type Runtime, toRuntime } from '../runtime/runtime.js';

/** The `/health` body, plus whether MLflow is configured and why background work is blocked, if it is. */
export interface HealthReport {
  status: 'healthy' | 'unhealthy';
  mlflow_connected: boolean;
  kubernetes_connected: boolean;
  mlflow_configured: boolean;
  /**
   * Permissions the listener's Kubernetes identity lacks (`verb resource.group in namespace`), when the target
   * has permissions to check (a cluster); not ready while any is missing.
   */
  kubernetes_missing_access?: string[];
  /**
   * Why the permissions could not be checked (the review failed or did not answer in time), while Kubernetes itself
   * answered; this alone does not make the listener unready.
   */
  kubernetes_access_unknown?: string;
  /** Set while the last reconcile refused to write (mass-delete guard). */
  reconcile_blocked?: string;
}

/** How long a finished check answers later probes. */
const cacheMs = 2000;

async function reachable(check: () => Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The grants the identity lacks (see `requiredAccess`), or why the review itself could not be made in time
 * (connectivity is the ping's to report, so that alone does not make the listener unready).
 */
async function accessProblems(rt: Runtime, timeoutMs: number): Promise<{ missing: string[] } | { unknown: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const missing = await Promise.race([
      rt.kube.missingAccess!(requiredAccess(rt.config)),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), timeoutMs);
      }),
    ]);
    return missing
      ? { missing }
      : { unknown: `the permission review did not answer within MLFLOW_KSERVE_HEALTH_TIMEOUT_MS (${timeoutMs} ms)` };
  } catch (error) {
    return { unknown: toMlflowKserveError(error).message };
  } finally {
    clearTimeout(timer);
  }
}

async function check(rt: Runtime): Promise<HealthReport> {
  // Development without MLflow: the event-fed stand-in has nothing to reach.
  const mlflow = rt.recordEvent ? undefined : rt.mlflow;
  const timeoutMs = rt.config.health_timeout_ms;
  // Reachable is not enough: a listener whose RBAC lacks a verb fails every delivery that needs it. The review is
  // asked at the same time as the pings (one timeout for the whole check) and counts only when Kubernetes answered.
  const [mlflowOk, kubeOk, review] = await Promise.all([
    mlflow ? reachable(() => mlflow.ping(), timeoutMs) : Promise.resolve(false),
    reachable(() => rt.kube.ping(), timeoutMs),
    rt.kube.missingAccess ? accessProblems(rt, timeoutMs) : Promise.resolve(undefined),
  ]);
  const missing = kubeOk && review && 'missing' in review ? review.missing : undefined;
  const unknown = kubeOk && review && 'unknown' in review ? review.unknown : undefined;
  if (mlflow) rt.metrics.dependencyUp?.('mlflow', mlflowOk);
  rt.metrics.dependencyUp?.('kubernetes', kubeOk);
  return {
    status: kubeOk && (mlflowOk || !mlflow) && (missing ?? []).length === 0 ? 'healthy' : 'unhealthy',
    mlflow_connected: mlflowOk,
    kubernetes_connected: kubeOk,
    mlflow_configured: Boolean(mlflow),
    ...(missing ? { kubernetes_missing_access: missing } : {}),
    ...(unknown ? { kubernetes_access_unknown: unknown } : {}),
  };
}

/**
 * Checks MLflow and Kubernetes in parallel, each once (ports' `ping` never retries) and bounded by
 * `health_timeout_ms`. Healthy when Kubernetes is reachable (for the directory target: writable), MLflow
 * answers like MLflow or is not configured, and no reconcile is blocked by the mass-delete guard. Probes
 * are coalesced: while a check runs, and for 2 s after, callers share its answer, so frequent probes never
 * multiply the load on a slow MLflow.
 *
 * @example
 * ```ts
 * await health({ config, kube, mlflow }); // { status: 'healthy', mlflow_connected: true, kubernetes_connected: true, mlflow_configured: true }
 * ```
 */
export async function health(deps: MlflowKserveDeps | Runtime): Promise<HealthReport> {
  const rt = toRuntime(deps);
  const now = Date.now();
  const cached = rt.state.readiness;
  if (!cached || now - cached.at > cacheMs) {
    const report = check(rt);
    rt.state.readiness = { at: now, report };
    // Measure the cache from when the check finished, not when it started.
    void report.then(() => {
      if (rt.state.readiness?.report === report) rt.state.readiness.at = Date.now();
    });
  }
  const report = (await rt.state.readiness!.report) as HealthReport;
  const blocked = rt.state.reconcileBlocked;
  return blocked ? { ...report, status: 'unhealthy', reconcile_blocked: blocked } : report;
}
