import { type Config, loadConfig } from '@mlflow-kserve/core';
import type { CliIo } from './cli-io.js';

/** Options common to commands that talk to MLflow or Kubernetes. */
export interface TargetOptions {
  target?: string;
  namespace?: string;
}

/** Settings from flags, and how to name them in messages. */
export interface FlagSettings {
  overrides: Partial<Record<keyof Config, unknown>>;
  overrideNames: Partial<Record<keyof Config, string>>;
}

/**
 * The settings a command's flags give (`--target`, `--namespace`, and any `extra` such as `--port`), named
 * after the flag in error messages. Flags win over environment variables, which win over defaults.
 *
 * @example
 * ```ts
 * flagSettings({ target: 'dir:./out' }, { app_port: ['--port', '8080'] });
 * ```
 */
export function flagSettings(
  options: TargetOptions,
  extra: Partial<Record<keyof Config, [flag: string, value: unknown]>> = {},
): FlagSettings {
  const flags: Partial<Record<keyof Config, [string, unknown]>> = {
    ...(options.target !== undefined ? { kube_target: ['--target', options.target] } : {}),
    ...(options.namespace !== undefined ? { kube_namespace: ['--namespace', options.namespace] } : {}),
    ...extra,
  };
  const overrides: Partial<Record<keyof Config, unknown>> = {};
  const overrideNames: Partial<Record<keyof Config, string>> = {};
  for (const [key, entry] of Object.entries(flags) as [keyof Config, [string, unknown] | undefined][]) {
    if (!entry || entry[1] === undefined) continue;
    overrides[key] = entry[1];
    overrideNames[key] = entry[0];
  }
  return { overrides, overrideNames };
}

/** The value of `MLFLOW_KSERVE_<NAME>` (any letter case), `undefined` when unset or empty. */
export function envValue(io: CliIo, name: string): string | undefined {
  const key = Object.keys(io.env).find((k) => k.toUpperCase() === `MLFLOW_KSERVE_${name}` && io.env[k]);
  return key === undefined ? undefined : io.env[key];
}

/** Whether an `MLFLOW_KSERVE_<NAME>` variable is set (any letter case) and not empty. */
export function envHas(io: CliIo, name: string): boolean {
  return envValue(io, name) !== undefined;
}

/**
 * Loads configuration for a command that never verifies webhooks (render, reconcile, list, sync, promote):
 * the webhook secret is not needed there, so a placeholder stands in when it is unset.
 *
 * @example
 * ```ts
 * const config = loadCliConfig(io, { target: 'dir:./out' });
 * ```
 */
export function loadCliConfig(io: CliIo, options: TargetOptions): Config {
  const { overrides, overrideNames } = flagSettings(options);
  const secret = envHas(io, 'MLFLOW_WEBHOOK_SECRET') ? {} : { mlflow_webhook_secret: 'not-used-by-this-command' };
  return loadConfig(io.env, { ...secret, ...overrides }, { overrideNames });
}
