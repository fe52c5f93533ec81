import { toRuntime, type MlflowKserveDeps, type Runtime } from '../sync/runtime.js';

/** The original spec's `/health` body, plus whether MLflow is configured at all. */
export interface HealthReport {
  status: 'healthy' | 'unhealthy';
  mlflow_connected: boolean;
  kubernetes_connected: boolean;
  mlflow_configured: boolean;
}

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
 * Checks MLflow and Kubernetes (in parallel, each bounded by a timeout). Healthy when Kubernetes is
 * reachable and MLflow is reachable or not configured.
 *
 * @example
 * ```ts
 * await health({ config, kube, mlflow }); // { status: 'healthy', mlflow_connected: true, kubernetes_connected: true, mlflow_configured: true }
 * ```
 */
export async function health(deps: MlflowKserveDeps | Runtime, timeoutMs = 3000): Promise<HealthReport> {
  const rt = toRuntime(deps);
  const mlflow = rt.mlflow;
  const [mlflowOk, kubeOk] = await Promise.all([
    mlflow ? reachable(() => mlflow.ping(), timeoutMs) : Promise.resolve(false),
    reachable(() => rt.kube.ping(), timeoutMs),
  ]);
  const healthy = kubeOk && (mlflowOk || !mlflow);
  return {
    status: healthy ? 'healthy' : 'unhealthy',
    mlflow_connected: mlflowOk,
    kubernetes_connected: kubeOk,
    mlflow_configured: Boolean(mlflow),
  };
}
