import { shortHash } from './short-hash.js';

const validLabel = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const labelLimit = 63;

/**
 * Makes a value fit a Kubernetes label value (≤ 63 characters of `[A-Za-z0-9._-]`, alphanumeric at both
 * ends). A valid value is returned unchanged; otherwise invalid characters become `-` and a hash of the
 * exact input is appended, so distinct inputs stay distinct. Keep the exact value in an annotation.
 *
 * @example
 * ```ts
 * labelValue('iris-classifier'); // 'iris-classifier'
 * labelValue('team/iris model'); // 'team-iris-model-<hash>'
 * ```
 */
export function labelValue(input: string): string {
  if (input.length <= labelLimit && validLabel.test(input)) return input;
  const cleaned = input.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  const stem = cleaned.slice(0, labelLimit - 11).replace(/[^A-Za-z0-9]+$/, '');
  const hash = shortHash([input]);
  return stem ? `${stem}-${hash}` : hash;
}
