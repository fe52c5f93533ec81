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
 * `mlflow-{model}-v{version}`, made valid for KServe. When sanitizing changed anything (case, `_`, other
 * characters, a non-numeric version) or the model part had to be cut to fit `{name}-predictor-{namespace}`
 * in 63 characters, the version stays readable and a 6-character hash of the exact (model, version) is
 * appended (`mlflow-fraud-detector-v3-1a2b3c`), so distinct models never share a name. Deterministic.
 *
 * @throws MlflowKserveError `config_invalid` when the namespace leaves no room for a name.
 * @example
 * ```ts
 * inferenceServiceName('iris-classifier', '3', { namespace: 'kserve-mlflow-models' }); // 'mlflow-iris-classifier-v3'
 * inferenceServiceName('Iris_Classifier', '3', { namespace: 'kserve-mlflow-models' }); // 'mlflow-iris-classifier-v3-f5430c' (sanitized, so hashed)
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
  const parts = { head: `${prefix}-${modelName}`, tail: `v${version}` };
  return fitName(parts, /^\d+$/.test(version), [modelName, version], options.namespace, prefix);
}
