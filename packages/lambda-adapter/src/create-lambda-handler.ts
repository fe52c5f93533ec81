import type { WebhookRequest, WebhookResponse } from '@mlflow-kserve/core';
import {
  type AssembleOptions,
  assembleMlflowKserve,
  createJsonLogger,
  errorResponse,
  MlflowKserveError,
  toMlflowKserveError,
} from '@mlflow-kserve/core/assemble';
import { type AcceptedLambdaEvent, type LambdaHttpEvent, type LambdaHttpResult, toLambdaResult, toWebhookRequest } from './lambda-event.js';

/** Options of {@link createLambdaHandler}; everything defaults from `MLFLOW_KSERVE_*` variables. */
export interface LambdaHandlerOptions extends AssembleOptions {
  /**
   * A custom-domain base path mapping to strip, e.g. `/mlflow` when API Gateway maps
   * `https://api.example.com/mlflow/*` to this function; the routes are then `/mlflow/webhook`, ….
   */
  basePath?: string;
}

/**
 * A Lambda handler for API Gateway REST (v1) and HTTP API (v2) events, Function URLs and ALB, with the
 * same routes and answers as `serve` and the Express middleware (no `/metrics` unless `metrics` is given).
 * Built on the one assembly every adapter uses, on the first invocation, and reused; the Kubernetes
 * client is loaded only then, and only for a cluster target. A configuration problem is logged with what to
 * set and answered 500 with only a pointer to the log (callers are unauthenticated); the next invocation
 * tries again.
 *
 * @example
 * ```ts
 * import { createLambdaHandler } from '@mlflow-kserve/lambda';
 * export const handler = createLambdaHandler();
 * ```
 */
export function createLambdaHandler(
  options: LambdaHandlerOptions = {},
): (event: AcceptedLambdaEvent | LambdaHttpEvent) => Promise<LambdaHttpResult> {
  const { basePath, ...assemble } = options;
  let handle: Promise<(request: WebhookRequest) => Promise<WebhookResponse>> | undefined;
  return async (event) => {
    try {
      handle ??= assembleMlflowKserve(assemble).then((a) => a.handle);
      const ready = await handle.catch((error: unknown) => {
        handle = undefined;
        throw error;
      });
      return toLambdaResult(event, await ready(toWebhookRequest(event, basePath)));
    } catch (thrown) {
      const error = toMlflowKserveError(thrown);
      // The problems (setting names, what to set) go to the function's log only: the caller may be anyone.
      (options.logger ?? createJsonLogger('ERROR')).error({ code: error.code, error: error.message }, 'lambda handler failed to start');
      const generic = new MlflowKserveError(
        error.code === 'config_invalid' ? 'config_invalid' : 'internal',
        'The listener could not start; the function\'s log ("lambda handler failed to start") says what to set.',
        { retryable: true },
      );
      return toLambdaResult(event, errorResponse(generic));
    }
  };
}
