import { createRequestHandler, createRuntime, loadConfig, MlflowKserveError, errorResponse, type Config, type KubePort, type Logger, type MlflowPort, type WebhookResponse } from '@mlflow-kserve/core';
import { createKubePort } from '@mlflow-kserve/core/kube';
import { createMlflowClient, requireMlflow } from '@mlflow-kserve/core/mlflow';
import { createPrometheusMetrics } from '@mlflow-kserve/core/prometheus';
import type { ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { createLogger } from './create-logger.js';
import { readRawBody, type RequestWithRawBody } from './read-raw-body.js';

/** Options of {@link mlflowKserveMiddleware}; everything defaults from `MLFLOW_KSERVE_*` variables. */
export interface MlflowKserveMiddlewareOptions {
  config?: Config;
  /** Default: the cluster or directory `kube_target` selects. */
  kube?: KubePort;
  /** Default: the REST client for `mlflow_tracking_uri`; `null` runs without MLflow (development). */
  mlflow?: MlflowPort | null;
  /** Template text. Default: `inference_service_template` or the built-in template. */
  template?: string;
  /** Default: pino JSON logs on stdout at `log_level`. */
  logger?: Logger;
  /** The host app's prom-client registry. Default: a registry of its own. */
  registry?: Registry;
}

type Next = (error?: unknown) => void;
type ExpressLikeRequest = RequestWithRawBody & { path: string; method: string };
type Middleware = ((req: ExpressLikeRequest, res: ServerResponse, next: Next) => void) & { runtime: ReturnType<typeof createRuntime> };

const routes = new Set(['/webhook', '/health', '/livez', '/readyz', '/services', '/metrics']);

function send(res: ServerResponse, response: WebhookResponse): void {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.end(response.body);
}

/**
 * Express middleware serving `POST /webhook`, `GET /health`, `/livez`, `/readyz`, `/services` and
 * `/metrics`; other paths fall through to the host app. Works with Express 4 and 5, mounted at the root or
 * under a prefix, before or after `express.json()` (after it, pass `verify: captureRawBody`): the
 * signature is always checked over the exact bytes received.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { mlflowKserveMiddleware } from '@mlflow-kserve/express';
 * const app = express();
 * app.use(mlflowKserveMiddleware());
 * app.listen(8000);
 * ```
 */
export function mlflowKserveMiddleware(options: MlflowKserveMiddlewareOptions = {}): Middleware {
  const config = options.config ?? loadConfig(process.env);
  const logger = options.logger ?? createLogger(config.log_level);
  const metrics = createPrometheusMetrics(options.registry);
  const mlflow = options.mlflow === null ? undefined : (options.mlflow ?? createMlflowClient(config));
  requireMlflow(options.mlflow, config);
  const runtime = createRuntime({ config, kube: options.kube ?? createKubePort(config), mlflow, logger, metrics, ...(options.template === undefined ? {} : { template: options.template }) });
  const handle = createRequestHandler(runtime, { metricsText: metrics.metricsText });

  const middleware = ((req: ExpressLikeRequest, res: ServerResponse, next: Next): void => {
    const path = req.path.replace(/\/+$/, '') || '/';
    if (!routes.has(path)) {
      next();
      return;
    }
    const started = performance.now();
    void (async () => {
      let rawBody: Buffer = Buffer.alloc(0);
      if (req.method === 'POST') {
        const body = await readRawBody(req, config.max_body_bytes);
        if (body.kind === 'too_large') {
          res.setHeader('connection', 'close');
          send(res, errorResponse(new MlflowKserveError('payload_too_large', `Body exceeds the ${config.max_body_bytes}-byte limit (MLFLOW_KSERVE_MAX_BODY_BYTES).`)));
          return;
        }
        if (body.kind === 'consumed') {
          logger.error({ path }, 'request body was consumed by another parser before mlflow-kserve');
          send(res, errorResponse(new MlflowKserveError('config_invalid', 'The request body was parsed before mlflowKserveMiddleware, so its exact bytes are gone and the signature cannot be checked. Mount the middleware before express.json(), or use express.json({ verify: captureRawBody }).', { retryable: false })));
          return;
        }
        rawBody = body.bytes;
      }
      const response = await handle({ method: req.method, path, headers: req.headers, rawBody });
      send(res, response);
      logger.debug({ method: req.method, path, status: response.status, duration_ms: Math.round(performance.now() - started), delivery_id: req.headers['x-mlflow-delivery-id'] }, 'request');
    })().catch(next);
  }) as Middleware;
  middleware.runtime = runtime;
  return middleware;
}
