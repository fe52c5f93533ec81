import { ErrorCode } from './error-codes.js';

const statuses: Record<ErrorCode, number> = {
  [ErrorCode.SignatureInvalid]: 401,
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.MethodNotAllowed]: 405,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.NameConflict]: 409,
  [ErrorCode.StorageUriUnusable]: 422,
  [ErrorCode.InvalidOverride]: 422,
  [ErrorCode.PreflightFailed]: 422,
  [ErrorCode.InvalidTemplate]: 500,
  [ErrorCode.KubernetesError]: 500,
  [ErrorCode.MlflowError]: 502,
  [ErrorCode.ConfigInvalid]: 500,
  [ErrorCode.AnalysisError]: 502,
  [ErrorCode.GitError]: 502,
  [ErrorCode.Internal]: 500,
};

/**
 * The one table from error code to HTTP status. MLflow retries 429 and 5xx and gives up on other 4xx,
 * so transient failures map to 5xx and requests that can never succeed map to 4xx.
 *
 * @example
 * ```ts
 * httpStatusForCode('mlflow_error'); // 502
 * ```
 */
export function httpStatusForCode(code: ErrorCode): number {
  return statuses[code];
}
