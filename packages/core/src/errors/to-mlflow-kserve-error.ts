import { MlflowKserveError } from './mlflow-kserve-error.js';

/**
 * Turns anything thrown into an {@link MlflowKserveError}; unknown errors become `internal`
 * with a generic message (the original stays in `cause` for logs only).
 *
 * @example
 * ```ts
 * const err = toMlflowKserveError(new Error('boom')); // code 'internal'
 * ```
 */
export function toMlflowKserveError(value: unknown): MlflowKserveError {
  if (MlflowKserveError.isInstance(value)) return value;
  return new MlflowKserveError('internal', 'Unexpected internal error; see the server log.', { cause: value });
}
