import {
  MlflowKserveError,
  errorResponse,
  readRawBody,
  routes as coreRoutes,
  writeResponse,
  type Runtime,
  type RequestWithRawBody,
} from '@mlflow-kserve/core';
import type { ServerResponse } from 'node:http';
import { assembleMlflowKserve, type MlflowKserveOptions } from './assemble-mlflow-kserve.js';

/** Options of {@link mlflowKserveMiddleware}; everything defaults from `MLFLOW_KSERVE_*` variables. */
export type MlflowKserveMiddlewareOptions = MlflowKserveOptions;

type Next = (error?: unknown) => void;
type ExpressLikeRequest = RequestWithRawBody & { path: string; method: string };
type Middleware = ((req: ExpressLikeRequest, res: ServerResponse, next: Next) => void) & { runtime: Runtime };

const routes = new Set<string>(coreRoutes);

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
  const { config, logger, runtime, handle } = assembleMlflowKserve(options);

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
          writeResponse(
            res,
            errorResponse(
              new MlflowKserveError(
                'payload_too_large',
                `Body exceeds the ${config.max_body_bytes}-byte limit (MLFLOW_KSERVE_MAX_BODY_BYTES).`,
              ),
            ),
          );
          return;
        }
        if (body.kind === 'consumed') {
          logger.error({ path }, 'request body was consumed by another parser before mlflow-kserve');
          writeResponse(
            res,
            errorResponse(
              new MlflowKserveError(
                'config_invalid',
                'The request body was parsed before mlflowKserveMiddleware, so its exact bytes are gone and the signature cannot be checked. Mount the middleware before express.json(), or use express.json({ verify: captureRawBody }).',
                { retryable: false },
              ),
            ),
          );
          return;
        }
        rawBody = body.bytes;
      }
      const response = await handle({ method: req.method, path, headers: req.headers, rawBody });
      writeResponse(res, response);
      logger.debug(
        {
          method: req.method,
          path,
          status: response.status,
          duration_ms: Math.round(performance.now() - started),
          delivery_id: req.headers['x-mlflow-delivery-id'],
        },
        'request',
      );
    })().catch(next);
  }) as Middleware;
  middleware.runtime = runtime;
  return middleware;
}
