import type { Config, KubePort, MlflowPort } from '@mlflow-kserve/core';
import { createKubePort } from '@mlflow-kserve/core/kube';
import { createMlflowClient } from '@mlflow-kserve/core/mlflow';
import type { CliIo } from './cli-io.js';

/**
 * The ports for a command: injected ones (tests), else those the configuration describes.
 *
 * @example
 * ```ts
 * const { kube, mlflow } = createPorts(config, io);
 * ```
 */
export function createPorts(config: Config, io: CliIo): { kube: KubePort; mlflow: MlflowPort | undefined } {
  const kube = io.ports?.kube ?? createKubePort(config, io.env);
  const mlflow = io.ports && 'mlflow' in io.ports ? (io.ports.mlflow ?? undefined) : createMlflowClient(config, io.fetch);
  return { kube, mlflow };
}
