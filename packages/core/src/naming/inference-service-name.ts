export { maxNameLength } from './max-name-length.js';
import { fitName } from './fit-name.js';

/** Options of {@link inferenceServiceName}. */
export interface InferenceServiceNameOptions {
  /** Target namespace: KServe's host label `{name}-predictor-{namespace}` must fit 63 characters. */
  namespace: string;
  /** Name prefix. Default `mlflow`. */
  prefix?: string;
}

/**
 * `mlflow-{model}-v{version}`, made valid for KServe. When sanitizing changed anything (case, characters,
 * a non-numeric version) or the name had to be cut to fit `{name}-predictor-{namespace}` in 63 characters,
 * a 10-character hash of the exact (model, version) is appended, so distinct models never share a name.
 * Deterministic.
 *
 * @throws MlflowKserveError `config_invalid` when the namespace leaves no room for a name.
 * @example
 * ```ts
 * inferenceServiceName('iris-classifier', '3', { namespace: 'kserve-mlflow-models' }); // 'mlflow-iris-classifier-v3'
 * inferenceServiceName('Iris_Classifier', '3', { namespace: 'kserve-mlflow-models' }); // 'mlflow-iris-classifie-f5430c0abe' (sanitized, cut to 32, hashed)
 * ```
 */
export function inferenceServiceName(modelName: string, version: string, options: InferenceServiceNameOptions): string {
  const key = JSON.stringify([options.prefix ?? null, options.namespace, version, modelName]);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const name = computeName(modelName, version, options);
  if (memo.size >= 1000) memo.clear();
  memo.set(key, name);
  return name;
}

// Pure function, called for every delivery: remember recent answers.
const memo = new Map<string, string>();

function computeName(modelName: string, version: string, options: InferenceServiceNameOptions): string {
  const prefix = options.prefix ?? 'mlflow';
  // A numeric version makes the split of `…-v{version}` unambiguous; anything else gets a hash.
  return fitName(`${prefix}-${modelName}-v${version}`, /^\d+$/.test(version), [modelName, version], options.namespace, prefix);
}
