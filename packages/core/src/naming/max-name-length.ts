const hostLabelLimit = 63;
const predictorInfix = '-predictor-';

/**
 * The maximum InferenceService name length in a namespace with KServe's default domain template: the host
 * label `{name}-predictor-{namespace}` must fit 63 characters.
 *
 * @example
 * ```ts
 * maxNameLength('kserve-mlflow-models'); // 32
 * ```
 */
export function maxNameLength(namespace: string): number {
  return hostLabelLimit - predictorInfix.length - namespace.length;
}
