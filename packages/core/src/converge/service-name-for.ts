import type { DeploymentKey } from './deployment-key.js';
import { kindOf } from './key-kinds/kind-of.js';

/**
 * The InferenceService name of a key: `mlflow-{model}-v{version}` for a version, `mlflow-{model}-{alias}`
 * for an alias (each made valid for KServe and for the namespace's host-name budget).
 *
 * @example
 * ```ts
 * serviceNameFor(aliasKey('iris', 'champion'), 'kserve-mlflow-models'); // 'mlflow-iris-champion'
 * ```
 */
export function serviceNameFor(key: DeploymentKey, namespace: string): string {
  return kindOf(key).serviceName(key, namespace);
}
