import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { maxNameLength } from './inference-service-name.js';
import { sanitizeName } from './sanitize-name.js';
import { shortHash } from './short-hash.js';

const hashLength = 10;

/**
 * `mlflow-{model}-{alias}`, made valid for KServe, for the one InferenceService that follows an alias.
 * When sanitizing changed anything (case, `_`, non-ASCII letters), the alias has a `-` (so model and alias
 * could be split two ways), or the name had to be cut, a 10-character hash of the exact (model, alias) is appended, so an alias
 * service never takes a version's name or another alias's. Deterministic.
 *
 * @throws MlflowKserveError `config_invalid` when the namespace leaves no room for a name.
 * @example
 * ```ts
 * aliasServiceName('iris-classifier', 'champion', { namespace: 'kserve-mlflow-models' }); // 'mlflow-iris-classifier-champion'
 * aliasServiceName('iris', 'Prod_EU', { namespace: 'kserve-mlflow-models' }); // 'mlflow-iris-prod-eu-9888c0d81c'
 * ```
 */
export function aliasServiceName(model: string, alias: string, options: { namespace: string; prefix?: string }): string {
  const prefix = options.prefix ?? 'mlflow';
  const max = maxNameLength(options.namespace);
  if (max < hashLength + 2) {
    throw new MlflowKserveError(
      'config_invalid',
      `Namespace "${options.namespace}" is too long: KServe needs {name}-predictor-{namespace} within 63 characters.`,
    );
  }
  const raw = `${prefix}-${model}-${alias}`;
  const sanitized = sanitizeName(raw);
  // Unambiguous only when the alias has no '-' (then the last segment is the alias) and cannot be read as
  // a version suffix; MLflow reserves v<digits> aliases, but letter case is folded by sanitizing.
  const exact = sanitized === raw && alias.length > 0 && !alias.includes('-') && !/^v\d+$/.test(alias);
  if (exact && sanitized.length <= max) return sanitized;
  const stem = (sanitized || prefix).slice(0, max - hashLength - 1).replace(/-+$/, '');
  const safeStem = /^[a-z]/.test(stem) ? stem : 'm';
  return `${safeStem}-${shortHash(['alias', model, alias])}`;
}
