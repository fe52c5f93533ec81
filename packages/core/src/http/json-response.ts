import { httpStatusForCode } from '../errors/http-status-for-code.js';
import type { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { WebhookResponse } from './types.js';

/**
 * A JSON response with no-store caching.
 *
 * @example
 * ```ts
 * jsonResponse(200, { status: 'healthy' });
 * ```
 */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): WebhookResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * The error response for an {@link MlflowKserveError}: status from the one code table, a body with the
 * code and the (secret-free) message, never a stack trace. Retryable errors get `Retry-After`.
 *
 * @example
 * ```ts
 * errorResponse(new MlflowKserveError('bad_request', 'Body is not JSON.')); // 400
 * ```
 */
export function errorResponse(error: MlflowKserveError, extraHeaders: Record<string, string> = {}): WebhookResponse {
  const status = httpStatusForCode(error.code);
  const headers: Record<string, string> = { ...extraHeaders };
  if (error.retryable && status >= 500) headers['retry-after'] = '2';
  return jsonResponse(status, { status: 'error', error: { code: error.code, message: error.message } }, headers);
}
