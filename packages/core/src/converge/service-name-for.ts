import { aliasServiceName } from '../naming/alias-service-name.js';
import { inferenceServiceName } from '../naming/inference-service-name.js';
import type { DeploymentKey } from './deployment-key.js';

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
  return key.kind === 'version'
    ? inferenceServiceName(key.model, key.version, { namespace })
    : aliasServiceName(key.model, key.alias, { namespace });
}
