import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { maxNameLength } from './max-name-length.js';
import { sanitizeName } from './sanitize-name.js';
import { shortHash } from './short-hash.js';

/** Length of the hash suffix a changed or cut name carries. */
export const nameHashLength = 6;

/** The two parts of a service name: `head` (prefix and model) and the readable `tail` (`v3`, `champion`). */
export interface NameParts {
  head: string;
  tail: string;
}

/**
 * The one rule both name schemes follow: `{head}-{tail}` as it is when it is already a valid KServe name,
 * needs no disambiguation (`unambiguous`) and fits the namespace's budget; otherwise the sanitized head, cut
 * to fit, then the sanitized tail (kept readable, so `kubectl get isvc` still shows the version or alias),
 * then a 6-character hash of `identity` (the exact inputs), so distinct inputs never share a name. Only
 * when even the tail cannot fit does the name end in the head and the hash alone.
 *
 * @throws MlflowKserveError `config_invalid` when the namespace leaves no room for a name.
 * @example
 * ```ts
 * fitName({ head: 'mlflow-iris', tail: 'v3' }, true, ['iris', '3'], 'kserve-mlflow-models', 'mlflow'); // 'mlflow-iris-v3'
 * ```
 */
export function fitName(parts: NameParts, unambiguous: boolean, identity: readonly string[], namespace: string, fallback: string): string {
  const max = maxNameLength(namespace);
  if (max < nameHashLength + 2) {
    throw new MlflowKserveError(
      'config_invalid',
      `Namespace "${namespace}" is too long: KServe needs {name}-predictor-{namespace} within 63 characters.`,
    );
  }
  const raw = `${parts.head}-${parts.tail}`;
  if (unambiguous && sanitizeName(raw) === raw && raw.length <= max) return raw;
  const hash = `-${shortHash(identity).slice(0, nameHashLength)}`;
  const tail = sanitizeName(`x-${parts.tail}`).slice(2);
  const readable = tail === '' ? hash : `-${tail}${hash}`;
  const suffix = readable.length + 1 <= max ? readable : hash;
  const head = sanitizeName(parts.head) || sanitizeName(fallback) || 'm';
  const stem = head.slice(0, max - suffix.length).replace(/-+$/, '');
  return `${stem}${suffix}`;
}
