import { createRuntime, MlflowKserveError, type KubePort, type Runtime } from '@mlflow-kserve/core';
import { resolvePorts } from '@mlflow-kserve/core/assemble';
import type { CliIo } from './cli-io.js';
import { loadCliConfig, type TargetOptions } from './load-cli-config.js';

/** A Kubernetes port for commands that never touch Kubernetes (render). */
const noKube: KubePort = {
  apply: () => Promise.reject(new Error('this command does not write to Kubernetes')),
  delete: () => Promise.reject(new Error('this command does not write to Kubernetes')),
  get: async () => null,
  list: async () => [],
  ping: async () => undefined,
};

/**
 * The runtime a one-shot command works with: configuration from the environment and the command's flags,
 * the ports the configuration describes (or `io.ports` in tests). `needs` says what the command uses:
 * MLflow required (reconcile, sync, promote), optional (render), or not at all (list); Kubernetes or not.
 *
 * @throws MlflowKserveError `config_invalid` naming what to set.
 * @example
 * ```ts
 * const rt = await commandRuntime(io, options, 'reconcile', { mlflow: 'required', kube: true });
 * ```
 */
export async function commandRuntime(
  io: CliIo,
  options: TargetOptions,
  command: string,
  needs: { mlflow: 'required' | 'optional' | 'none'; kube: boolean },
  template?: string,
): Promise<Runtime> {
  const config = loadCliConfig(io, options);
  const given = io.ports && 'mlflow' in io.ports ? (io.ports.mlflow ?? null) : undefined;
  const { kube, mlflow } = await resolvePorts(config, {
    kube: needs.kube ? io.ports?.kube : noKube,
    mlflow: needs.mlflow === 'none' ? null : given,
    development: true,
    env: io.env,
    fetch: io.fetch,
  });
  if (needs.mlflow === 'required' && !mlflow) {
    throw new MlflowKserveError(
      'config_invalid',
      `${command} needs MLflow: set MLFLOW_KSERVE_MLFLOW_TRACKING_URI to the tracking server's URL.`,
    );
  }
  return createRuntime({ config, kube, mlflow, ...(template === undefined ? {} : { template }) });
}
