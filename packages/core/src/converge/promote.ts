import type { MlflowKserveDeps, Runtime } from '../runtime/runtime.js';
import { toRuntime } from '../runtime/runtime.js';
import { type ConvergeResult, converge } from './converge.js';
import { aliasKey } from '../keys/deployment-key.js';

/**
 * Ends a canary rollout now, skipping its remaining steps: converges the alias's InferenceService with all
 * traffic on the version the alias points to (the `canaryTrafficPercent` setting is removed). Rolling back
 * is moving the alias back, or `rollback`.
 *
 * @example
 * ```ts
 * await promote({ config, kube, mlflow }, 'iris-classifier', 'champion'); // { action: 'updated', … }
 * ```
 */
export async function promote(
  deps: MlflowKserveDeps | Runtime,
  model: string,
  alias: string,
  options: { dryRun?: boolean } = {},
): Promise<ConvergeResult> {
  return converge(toRuntime(deps), aliasKey(model, alias), { command: 'promote', dryRun: Boolean(options.dryRun) });
}
