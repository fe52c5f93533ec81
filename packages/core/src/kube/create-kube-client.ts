import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import type { Config } from '../config/config-schema.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { ClientNodeKube } from './client-node-kube.js';
import { reuseConnections } from './reuse-connections.js';

/**
 * Builds the Kubernetes client the configuration describes: the pod's service account when
 * `kube_in_cluster` is true, otherwise `kube_config`, `KUBECONFIG` or `~/.kube/config`. Unlike
 * client-node's `loadFromDefault`, it never falls back to `http://localhost:8080`: with no cluster
 * configured it says so and what to set.
 *
 * @throws MlflowKserveError `config_invalid`.
 * @example
 * ```ts
 * const kube = createKubeClient(loadConfig());
 * ```
 */
export function createKubeClient(
  config: Pick<Config, 'kube_in_cluster' | 'kube_config'>,
  env: Record<string, string | undefined> = process.env,
): ClientNodeKube {
  const kc = new KubeConfig();
  if (config.kube_in_cluster) {
    if (!env['KUBERNETES_SERVICE_HOST'] || !existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token')) {
      throw new MlflowKserveError(
        'config_invalid',
        'No Kubernetes cluster configured: MLFLOW_KSERVE_KUBE_IN_CLUSTER is true but this process is not running in a pod. Set MLFLOW_KSERVE_KUBE_IN_CLUSTER=false (with a kubeconfig), or MLFLOW_KSERVE_KUBE_TARGET=dir:./manifests to write YAML files instead.',
      );
    }
    kc.loadFromCluster();
  } else {
    const candidates = [config.kube_config, ...(env['KUBECONFIG'] ?? '').split(':'), join(homedir(), '.kube', 'config')].filter(
      (p): p is string => Boolean(p),
    );
    const file = candidates.find((p) => existsSync(p));
    if (!file) {
      throw new MlflowKserveError(
        'config_invalid',
        `No kubeconfig found (looked at ${candidates.join(', ')}). Set MLFLOW_KSERVE_KUBE_CONFIG, or MLFLOW_KSERVE_KUBE_TARGET=dir:./manifests to write YAML files instead.`,
      );
    }
    try {
      kc.loadFromFile(file);
    } catch (cause) {
      throw new MlflowKserveError('config_invalid', `Cannot read kubeconfig ${file}; check that it is valid YAML.`, { cause });
    }
    if (!kc.getCurrentCluster()) throw new MlflowKserveError('config_invalid', `Kubeconfig ${file} has no current context with a cluster.`);
  }
  return new ClientNodeKube(reuseConnections(kc));
}
