import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { maxNameLength } from './max-name-length.js';
import { sanitizeName } from './sanitize-name.js';
import { shortHash } from './short-hash.js';

const hashLength = 10;

/**
 * The one rule both name schemes follow: `raw` as it is when it is already a valid KServe name, needs no
 * disambiguation (`unambiguous`) and fits the namespace's budget; otherwise its sanitized, cut form plus a
 * 10-character hash of `identity` (the exact inputs), so distinct inputs never share a name.
 *
 * @throws MlflowKserveError `config_invalid` when the namespace leaves no room for a name.
 * @example
 * ```ts
 * fitName('mlflow-iris-v3', true, ['iris', '3'], 'kserve-mlflow-models', 'mlflow'); // 'mlflow-iris-v3'
 * ```
 */
export function fitName(raw: string, unambiguous: boolean, identity: readonly string[], namespace: string, fallback: string): string {
  const max = maxNameLength(namespace);
  if (max < hashLength + 2) {
    throw new MlflowKserveError(
      'config_invalid',
      `Namespace "${namespace}" is too long: KServe needs {name}-predictor-{namespace} within 63 characters.`,
    );
  }
  const sanitized = sanitizeName(raw);
  if (unambiguous && sanitized === raw && sanitized.length <= max) return sanitized;
  const stem = (sanitized || fallback).slice(0, max - hashLength - 1).replace(/-+$/, '');
  return `${/^[a-z]/.test(stem) ? stem : 'm'}-${shortHash(identity)}`;
}
