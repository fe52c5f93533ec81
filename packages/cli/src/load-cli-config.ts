import { loadConfig, type Config } from '@mlflow-kserve/core';
import type { CliIo } from './cli-io.js';

/** Options common to commands that talk to MLflow or Kubernetes. */
export interface TargetOptions {
  target?: string;
  namespace?: string;
}

/**
 * Loads configuration for a command. Commands that never verify webhooks (render, reconcile, list) do
 * not need the webhook secret, so a placeholder stands in when it is unset.
 *
 * @example
 * ```ts
 * const config = loadCliConfig(io, { target: 'dir:./out' }, { needsSecret: false });
 * ```
 */
export function loadCliConfig(
  io: CliIo,
  options: TargetOptions,
  { needsSecret }: { needsSecret: boolean },
  extra: Partial<Record<keyof Config, unknown>> = {},
): Config {
  const secretSet = Object.keys(io.env).some((k) => k.toUpperCase() === 'MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET' && io.env[k]);
  return loadConfig(io.env, {
    ...(needsSecret || secretSet ? {} : { mlflow_webhook_secret: 'not-used-by-this-command' }),
    ...(options.target ? { kube_target: options.target } : {}),
    ...(options.namespace ? { kube_namespace: options.namespace } : {}),
    ...extra,
  });
}
