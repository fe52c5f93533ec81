import { fitName, nameHashLength } from './fit-name.js';

/**
 * `mlflow-{model}-{alias}`, made valid for KServe, for the one InferenceService that follows an alias.
 * When sanitizing changed anything (case, `_`, non-ASCII letters), the alias has a `-` (so model and alias
 * could be split two ways), or the name had to be cut, the alias stays readable and a 6-character hash of the exact (model, alias) is appended, so an alias
 * service never takes a version's name or another alias's. Deterministic.
 *
 * @throws MlflowKserveError `config_invalid` when the namespace leaves no room for a name.
 * @example
 * ```ts
 * aliasServiceName('iris-classifier', 'champion', { namespace: 'kserve-mlflow-models' }); // 'mlflow-iris-classifier-champion'
 * aliasServiceName('iris', 'Prod_EU', { namespace: 'kserve-mlflow-models' }); // 'mlflow-iris-prod-eu-9888c0'
 * ```
 */
export function aliasServiceName(model: string, alias: string, options: { namespace: string; prefix?: string }): string {
  const prefix = options.prefix ?? 'mlflow';
  // Unambiguous only when the alias has no '-' (then the last segment is the alias) and cannot be read as
  // a version suffix; MLflow reserves v<digits> aliases, but letter case is folded by sanitizing.
  // An alias that looks like a name hash could meet a hashed version name: it gets a hash too.
  const unambiguous = alias.length > 0 && !alias.includes('-') && !/^v\d+$/.test(alias) && !hashLike.test(alias);
  return fitName({ head: `${prefix}-${model}`, tail: alias }, unambiguous, ['alias', model, alias], options.namespace, prefix);
}

const hashLike = new RegExp(`^[0-9a-f]{${nameHashLength}}$`);
