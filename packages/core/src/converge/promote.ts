import type { MlflowKserveDeps, Runtime } from '../runtime/runtime.js';
import { toRuntime } from '../runtime/runtime.js';
import { type ConvergeResult, converge } from './converge.js';
import { aliasKey } from '../keys/deployment-key.js';

/**
 * Ends a canary rollout: converges the alias's InferenceService with all traffic on the version the alias
 * points to now (the `canaryTrafficPercent` setting is removed). Rolling back is moving the alias back.
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
  return converge(toRuntime(deps), aliasKey(model, alias), { promote: true, dryRun: Boolean(options.dryRun) });
}
