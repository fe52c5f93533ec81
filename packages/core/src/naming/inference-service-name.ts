import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { sanitizeName } from './sanitize-name.js';
import { shortHash } from './short-hash.js';

/** Options of {@link inferenceServiceName}. */
export interface InferenceServiceNameOptions {
  /** Target namespace: KServe's host label `{name}-predictor-{namespace}` must fit 63 characters. */
  namespace: string;
  /** Name prefix. Default `mlflow`. */
  prefix?: string;
}

const hostLabelLimit = 63;
const predictorInfix = '-predictor-';
const hashLength = 10;

/**
 * The maximum InferenceService name length in a namespace with KServe's default domain template.
 *
 * @example
 * ```ts
 * maxNameLength('kserve-mlflow-models'); // 32
 * ```
 */
export function maxNameLength(namespace: string): number {
  return hostLabelLimit - predictorInfix.length - namespace.length;
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
  const max = maxNameLength(options.namespace);
  if (max < hashLength + 2) {
    throw new MlflowKserveError(
      'config_invalid',
      `Namespace "${options.namespace}" is too long: KServe needs {name}-predictor-{namespace} within 63 characters.`,
    );
  }
  const raw = `${prefix}-${modelName}-v${version}`;
  const sanitized = sanitizeName(raw);
  // A numeric version makes the split of `…-v{version}` unambiguous; anything else gets a hash.
  const exact = sanitized === raw && /^\d+$/.test(version);
  if (exact && sanitized.length <= max) return sanitized;
  const stem = (sanitized || prefix).slice(0, max - hashLength - 1).replace(/-+$/, '');
  const safeStem = /^[a-z]/.test(stem) ? stem : 'm';
  return `${safeStem}-${shortHash([modelName, version])}`;
}
