import type { MlflowKserveDeps, Runtime } from '../runtime/runtime.js';
import { toRuntime } from '../runtime/runtime.js';
import { type ConvergeResult, converge } from './converge.js';
import { aliasKey } from '../keys/deployment-key.js';

/**
 * Aborts an alias's rollout now: all traffic back to the version that served before, at once; the canary's
 * version is recorded as failed (not retried while the alias points to it) and MLflow shows `RolledBack`.
 * Without a rollout in progress nothing changes (moving the alias back is the rollback then).
 *
 * @example
 * ```ts
 * await rollback({ config, kube, mlflow }, 'iris-classifier', 'champion'); // { action: 'updated', rollout: { phase: 'RolledBack', … } }
 * ```
 */
export async function rollback(
  deps: MlflowKserveDeps | Runtime,
  model: string,
  alias: string,
  options: { dryRun?: boolean } = {},
): Promise<ConvergeResult> {
  return converge(toRuntime(deps), aliasKey(model, alias), { command: 'rollback', dryRun: Boolean(options.dryRun) });
}
