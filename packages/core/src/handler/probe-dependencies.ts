import { kubeTarget, kubeTargetForLogs } from '../config/kube-target.js';
import { requiredAccess, statusReadVerbs } from '../config/required-access.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { serviceNamespaces } from '../config/service-namespaces.js';
import { redactUrl } from '../config/redact-config.js';
import { toMlflowKserveError } from '../errors/to-mlflow-kserve-error.js';
import { Ownership } from '../keys/ownership-annotations.js';
import type { Runtime } from '../runtime/runtime.js';

/** What one dependency answered to {@link probeDependencies}. */
export interface DependencyProbe {
  /** `mlflow`, `kubernetes <namespace>` (a cluster target, one per namespace) or `directory`. */
  dependency: string;
  ok: boolean;
  /** What was asked and what came back, or why it failed (setting names, no secrets). */
  detail: string;
}

/**
 * Reaches every dependency the configuration names, each once, and says what it found: MLflow with the
 * readiness probe `/readyz` uses (an authenticated search and a version read); for a cluster target, an
 * authorized list of this listener's InferenceServices in each namespace it may write (the read the
 * reconcile and the status writer make); for a directory target, that the directory is writable. MLflow
 * is skipped when not configured (development). For `mlflow-kserve config check`.
 *
 * @example
 * ```ts
 * await probeDependencies(runtime);
 * // [{ dependency: 'mlflow', ok: true, detail: 'http://mlflow:5000 answered as MLflow (…)' }, …]
 * ```
 */
export async function probeDependencies(rt: Runtime): Promise<DependencyProbe[]> {
  const probes: Promise<DependencyProbe>[] = [];
  const attempt = async (dependency: string, work: () => Promise<string>): Promise<DependencyProbe> => {
    try {
      return { dependency, ok: true, detail: await work() };
    } catch (error) {
      return { dependency, ok: false, detail: toMlflowKserveError(error).message };
    }
  };
  const uri = rt.config.mlflow_tracking_uri;
  if (!rt.recordEvent && uri) {
    probes.push(
      attempt('mlflow', async () => {
        await rt.mlflow.ping();
        return `${redactUrl(uri)} answered as MLflow (registered-models/search and model-versions/get)`;
      }),
    );
  }
  if (kubeTarget(rt.config).kind === 'cluster') {
    for (const namespace of serviceNamespaces(rt.config)) {
      probes.push(
        attempt(`kubernetes ${namespace}`, async () => {
          const found = await rt.kube.list(namespace, Ownership.selector);
          const missing = rt.kube.missingAccess
            ? await rt.kube.missingAccess(requiredAccess(rt.config).filter((grant) => grant.namespace === namespace))
            : [];
          if (missing.length > 0) {
            throw new MlflowKserveError(
              'kubernetes_error',
              `The listener's Kubernetes identity lacks ${missing.join(', ')}; grant them as the Helm chart's Role (or k8s/rbac.yaml) does.`,
            );
          }
          return `listed InferenceServices in ${namespace} (${found.length} managed)${rt.kube.missingAccess ? '; every permission the listener uses is granted' : ''}`;
        }),
      );
    }
  } else if (kubeTarget(rt.config).kind === 'git') {
    probes.push(
      attempt('git', async () => {
        await rt.kube.ping();
        return `${kubeTargetForLogs(rt.config).slice('git:'.length)} answered, and these credentials may push to it (branch ${rt.config.git_branch}, folder ${rt.config.git_path})`;
      }),
    );
    const view = rt.clusterView;
    for (const namespace of view ? serviceNamespaces(rt.config) : []) {
      probes.push(
        attempt(`kubernetes ${namespace} (status)`, async () => {
          const found = await view!.list(namespace, Ownership.selector);
          const needed = [{ namespace, group: 'serving.kserve.io', resource: 'inferenceservices', verbs: statusReadVerbs }];
          const missing = view!.missingAccess ? await view!.missingAccess(needed) : [];
          if (missing.length > 0) {
            throw new MlflowKserveError(
              'kubernetes_error',
              `MLFLOW_KSERVE_GIT_STATUS_FROM_CLUSTER reads InferenceServices, and the listener's Kubernetes identity lacks ${missing.join(', ')}; grant them as the Helm chart does with git.statusFromCluster.`,
            );
          }
          return `listed InferenceServices the GitOps controller applied in ${namespace} (${found.length} managed); list and watch are granted`;
        }),
      );
    }
  } else {
    probes.push(
      attempt('directory', async () => {
        await rt.kube.ping();
        return 'the directory of MLFLOW_KSERVE_KUBE_TARGET is writable';
      }),
    );
  }
  return Promise.all(probes);
}
