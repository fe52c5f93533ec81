import type { Config } from '../config/config-schema.js';
import { kubeTarget } from '../config/kube-target.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { createMlflowClient } from '../mlflow/create-mlflow-client.js';
import type { Logger } from '../observe/logger.js';
import { silentLogger } from '../observe/logger.js';
import type { KubePort } from '../ports/kube-port.js';
import type { LeasePort } from '../ports/lease-port.js';
import type { MlflowPort } from '../ports/mlflow-port.js';

/** Options of {@link resolvePorts}. */
export interface ResolvePortsOptions {
  /** Use this Kubernetes port instead of the one `kube_target` describes. */
  kube?: KubePort | undefined;
  /** Use this MLflow port; `null`: none (development only). Default: the REST client for the tracking URI. */
  mlflow?: MlflowPort | null | undefined;
  /** MLflow is optional (development mode). */
  development?: boolean | undefined;
  env?: Record<string, string | undefined> | undefined;
  fetch?: typeof fetch | undefined;
  logger?: Logger | undefined;
}

/**
 * The ports the configuration describes, each decided here only: Kubernetes from `kube_target`
 * (`dir:<path>` → `DirectoryKube`, which loads the YAML library only then; `cluster` → `@kubernetes/client-node`, loaded only then), MLflow
 * from `mlflow_tracking_uri` — required outside development, because without MLflow old or reordered
 * deliveries cannot be checked against the current state. A cluster target also gets a Lease port for
 * leader election; a Git target with `git_status_from_cluster` gets a read-only view of the cluster its files are
 * applied to.
 *
 * @throws MlflowKserveError `config_invalid` naming what to set.
 * @example
 * ```ts
 * const { kube, mlflow } = await resolvePorts(config, { development: false });
 * ```
 */
export async function resolvePorts(
  config: Config,
  options: ResolvePortsOptions = {},
): Promise<{ kube: KubePort; mlflow: MlflowPort | undefined; leases: LeasePort | undefined; clusterView: KubePort | undefined }> {
  let kube = options.kube;
  let leases: LeasePort | undefined;
  let clusterView: KubePort | undefined;
  const target = kubeTarget(config);
  if (target.kind === 'git' && config.git_status_from_cluster) {
    // Read only: the status writer lists and watches what the GitOps controller applied.
    clusterView = (await import('../kube/create-kube-client.js')).createKubeClient(config, options.env ?? process.env);
  }
  if (!kube) {
    const logger = options.logger ?? silentLogger;
    kube =
      target.kind === 'directory'
        ? new (await import('../directory/directory-kube.js')).DirectoryKube(target.path, {
            onWarning: (message) => logger.warn({}, message),
          })
        : target.kind === 'git'
          ? (await import('../git/create-git-kube.js')).createGitKube(config, { onWarning: (message) => logger.warn({}, message) })
          : (await import('../kube/create-kube-client.js')).createKubeClient(config, options.env ?? process.env);
    if (target.kind === 'cluster' && 'kubeConfig' in kube) {
      const { ClientNodeLeases } = await import('../kube/client-node-leases.js');
      leases = new ClientNodeLeases((kube as { kubeConfig: ConstructorParameters<typeof ClientNodeLeases>[0] }).kubeConfig);
    }
  }
  let mlflow: MlflowPort | undefined;
  if (options.mlflow === null) mlflow = undefined;
  else mlflow = options.mlflow ?? createMlflowClient(config, options.fetch);
  if (!mlflow && options.mlflow !== null && !options.development) {
    throw new MlflowKserveError(
      'config_invalid',
      "MLFLOW_KSERVE_MLFLOW_TRACKING_URI is required: every delivery is checked against the current state in MLflow. Set it to the MLflow tracking server's URL.",
    );
  }
  return { kube, mlflow, leases, clusterView };
}
