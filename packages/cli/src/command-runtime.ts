import { type KubePort, MlflowKserveError, type MlflowPort, type Runtime } from '@mlflow-kserve/core';
import { assembleMlflowKserve } from '@mlflow-kserve/core/assemble';
import type { CliIo } from './cli-io.js';
import { envHas, loadCliConfig, type TargetOptions } from './load-cli-config.js';

/** A Kubernetes port for commands that never touch Kubernetes (render, webhook). */
const noKube: KubePort = {
  apply: () => Promise.reject(new Error('this command does not write to Kubernetes')),
  delete: () => Promise.reject(new Error('this command does not write to Kubernetes')),
  get: async () => null,
  list: async () => [],
  ping: async () => undefined,
};

/** What a one-shot command uses: MLflow required, optional or not at all (or this port); Kubernetes or not. */
export interface CommandNeeds {
  mlflow: 'required' | 'optional' | 'none' | MlflowPort;
  kube: boolean;
}

/**
 * The runtime a one-shot command works with, from the one assembly every host takes: configuration from
 * the environment and the command's flags (checked as `serve` checks it), the ports the configuration
 * describes (or `io.ports` in tests), the logger (JSON lines on standard error, warnings and errors unless
 * `MLFLOW_KSERVE_LOG_LEVEL` says otherwise) — but no background work: the command runs once.
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
  needs: CommandNeeds,
  template?: string,
): Promise<Runtime> {
  const config = loadCliConfig(io, options);
  const given = io.ports && 'mlflow' in io.ports ? (io.ports.mlflow ?? null) : undefined;
  const mlflow = typeof needs.mlflow === 'object' ? needs.mlflow : needs.mlflow === 'none' ? null : given;
  const { runtime } = await assembleMlflowKserve({
    config: envHas(io, 'LOG_LEVEL') ? config : { ...config, log_level: 'WARNING' },
    env: io.env,
    development: true,
    ...(needs.kube ? (io.ports?.kube ? { kube: io.ports.kube } : {}) : { kube: noKube }),
    ...(mlflow === undefined ? {} : { mlflow }),
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(template === undefined ? {} : { template }),
    logWrite: (line) => io.stderr(`${line}\n`),
  });
  if (needs.mlflow === 'required' && runtime.recordEvent) {
    throw new MlflowKserveError(
      'config_invalid',
      `${command} needs MLflow: set MLFLOW_KSERVE_MLFLOW_TRACKING_URI to the tracking server's URL.`,
    );
  }
  return runtime;
}
