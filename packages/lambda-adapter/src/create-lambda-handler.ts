import {
  createJsonLogger,
  createRequestHandler,
  createRuntime,
  errorResponse,
  loadConfig,
  toMlflowKserveError,
  type Config,
  type KubePort,
  type Logger,
  type MlflowPort,
  type WebhookRequest,
  type WebhookResponse,
} from '@mlflow-kserve/core';
import { resolveMlflowPort } from '@mlflow-kserve/core/mlflow';
import { toLambdaResult, toWebhookRequest, type LambdaHttpEvent, type LambdaHttpResult } from './lambda-event.js';

/** Options of {@link createLambdaHandler}; everything defaults from `MLFLOW_KSERVE_*` variables. */
export interface LambdaHandlerOptions {
  config?: Config;
  kube?: KubePort;
  /** `null` runs without MLflow (development only). */
  mlflow?: MlflowPort | null;
  template?: string;
  logger?: Logger;
  /** A custom-domain base path mapping to strip, e.g. `/mlflow`. */
  basePath?: string;
}

/**
 * A Lambda handler for API Gateway REST (v1) and HTTP API (v2) events, Function URLs and ALB, with the
 * same routes and answers as the Express middleware (except `/metrics`). The runtime is built on the first
 * invocation and reused; the Kubernetes client is loaded only then.
 *
 * @example
 * ```ts
 * import { createLambdaHandler } from '@mlflow-kserve/lambda';
 * export const handler = createLambdaHandler();
 * ```
 */
export function createLambdaHandler(options: LambdaHandlerOptions = {}): (event: LambdaHttpEvent) => Promise<LambdaHttpResult> {
  let handle: Promise<(request: WebhookRequest) => Promise<WebhookResponse>> | undefined;
  const build = async (): Promise<(request: WebhookRequest) => Promise<WebhookResponse>> => {
    const config = options.config ?? loadConfig(process.env);
    const logger = options.logger ?? createJsonLogger(config.log_level);
    const kube = options.kube ?? (await import('@mlflow-kserve/core/kube')).createKubePort(config);
    const mlflow = resolveMlflowPort(options.mlflow, config);
    return createRequestHandler(
      createRuntime({ config, kube, mlflow, logger, ...(options.template === undefined ? {} : { template: options.template }) }),
    );
  };
  return async (event) => {
    try {
      handle ??= build();
      const ready = await handle.catch((error: unknown) => {
        handle = undefined;
        throw error;
      });
      return toLambdaResult(event, await ready(toWebhookRequest(event, options.basePath)));
    } catch (thrown) {
      const error = toMlflowKserveError(thrown);
      (options.logger ?? createJsonLogger('ERROR')).error({ code: error.code, error: error.message }, 'lambda handler failed to start');
      return toLambdaResult(event, errorResponse(error));
    }
  };
}
