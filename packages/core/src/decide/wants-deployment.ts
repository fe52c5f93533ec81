import type { ModelVersion } from '../ports/mlflow-port.js';
import { isDeployValue, type DeployPolicy } from './deploy-policy.js';

/**
 * Whether a model version, as MLflow reports it now, should be running: its deploy tag says so and its
 * registration did not fail (`FAILED_REGISTRATION` versions have no usable artifacts). The single rule
 * both the webhook handler and the reconciler apply to MLflow's current state.
 *
 * @example
 * ```ts
 * wantsDeployment(await mlflow.getModelVersion('iris', '3'), defaultDeployPolicy); // true | false
 * ```
 */
export function wantsDeployment(version: Pick<ModelVersion, 'tags' | 'status'> | null | undefined, policy: DeployPolicy): boolean {
  if (!version) return false;
  if (version.status === 'FAILED_REGISTRATION') return false;
  return isDeployValue(version.tags[policy.tagKey], policy);
}
