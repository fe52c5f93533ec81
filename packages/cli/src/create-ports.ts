import type { Config, KubePort, MlflowPort } from '@mlflow-kserve/core';
import { DirectoryKube } from '@mlflow-kserve/core/directory';
import { createMlflowClient } from '@mlflow-kserve/core/mlflow';
import type { CliIo } from './cli-io.js';

/**
 * The ports for a command: injected ones (tests), else those the configuration describes. The Kubernetes
 * client (`@kubernetes/client-node`, ~70 MB resident) is loaded only when the target is a cluster.
 *
 * @example
 * ```ts
 * const { kube, mlflow } = await createPorts(config, io);
 * ```
 */
export async function createPorts(config: Config, io: CliIo): Promise<{ kube: KubePort; mlflow: MlflowPort | undefined }> {
  let kube = io.ports?.kube;
  if (!kube) {
    kube = config.kube_target.startsWith('dir:')
      ? new DirectoryKube(config.kube_target.slice('dir:'.length))
      : (await import('@mlflow-kserve/core/kube')).createKubePort(config, io.env);
  }
  const mlflow = io.ports && 'mlflow' in io.ports ? (io.ports.mlflow ?? undefined) : createMlflowClient(config, io.fetch);
  return { kube, mlflow };
}
