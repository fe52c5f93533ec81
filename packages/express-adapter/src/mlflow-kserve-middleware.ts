import type { IncomingMessage, ServerResponse } from 'node:http';
import { createNodeListener, errorResponse, MlflowKserveError, toMlflowKserveError, writeResponse } from '@mlflow-kserve/core';
import { type AssembleOptions, type Assembly, assembleMlflowKserve } from '@mlflow-kserve/core/assemble';
import { createPrometheusMetrics } from '@mlflow-kserve/core/prometheus';
import type { Registry } from 'prom-client';

/** Options of {@link mlflowKserveMiddleware}; everything defaults from `MLFLOW_KSERVE_*` variables. */
export interface MlflowKserveMiddlewareOptions extends Omit<AssembleOptions, 'metrics'> {
  /** The host app's prom-client registry for `GET /metrics`. Default: a registry of its own. */
  registry?: Registry;
  /**
   * Run the background work a long-running host needs once assembled (`assembly.start()`): leader
   * election (cluster target), the work queue, the periodic reconcile (`MLFLOW_KSERVE_RECONCILE_*`), the
   * status writer (cluster target) and keeping MLflow's webhook set up (`MLFLOW_KSERVE_WEBHOOK_PUBLIC_URL`).
   * Default `true`; `false` when another process (e.g. `mlflow-kserve serve`) does it.
   */
  background?: boolean;
}

type Next = (error?: unknown) => void;
/** What Express body parsers leave on a request. */
type ParsedRequest = IncomingMessage & { rawBody?: unknown; body?: unknown; _body?: boolean };
type Middleware = ((req: ParsedRequest, res: ServerResponse, next: Next) => void) & {
  /** Resolves once assembled; rejects with the configuration problems (await it at startup to fail fast). */
  ready: Promise<Assembly>;
  /** Stops the background work (releasing the Lease when leading); call it when the host shuts down. */
  stop(): Promise<void>;
};

/**
 * Express middleware serving `POST /webhook`, `GET /health`, `/livez`, `/readyz`, `/services` and
 * `/metrics`; other paths fall through to the host app (`next()`). Once assembled it also runs the same
 * background work as `mlflow-kserve serve` (periodic reconcile, status write-back, leader election, webhook
 * setup; `background: false` opts out) until `stop()`. Built on the one assembly every adapter
 * uses (`@mlflow-kserve/core/assemble`) and the core's `node:http` listener. Works with Express 4 and 5,
 * mounted at the root or under a prefix, before or after `express.json()` (after it, pass
 * `verify: captureRawBody`): the signature is always checked over the exact bytes received.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { mlflowKserveMiddleware } from '@mlflow-kserve/express';
 * const app = express();
 * const kserve = mlflowKserveMiddleware();
 * app.use(kserve);
 * await kserve.ready; // fail at startup, not on the first delivery, when the configuration is wrong
 * const server = app.listen(8000);
 * process.once('SIGTERM', () => void kserve.stop().then(() => server.close()));
 * ```
 */
export function mlflowKserveMiddleware(options: MlflowKserveMiddlewareOptions = {}): Middleware {
  const { registry, background = true, ...rest } = options;
  let stopped = false;
  const ready = assembleMlflowKserve({ ...rest, metrics: createPrometheusMetrics(registry) }).then(async (assembly) => {
    if (background && !stopped) await assembly.start();
    return assembly;
  });
  ready.catch(() => undefined); // reported on every request, and to whoever awaits `ready`
  let listener: ReturnType<typeof createNodeListener> | undefined;
  // Once assembled, requests are served without waiting on `ready` (one promise hop less per request).
  let assembled: Assembly | undefined;
  ready.then(
    (assembly) => {
      assembled = assembly;
    },
    () => undefined,
  );

  const serve = (assembly: Assembly, req: ParsedRequest, res: ServerResponse, next: Next): void => {
    const { handle, config } = assembly;
    listener ??= createNodeListener(handle, { maxBodyBytes: config.max_body_bytes });
    const path = (req.url ?? '/').split('?')[0]!;
    if (!handle.owns(path)) {
      next();
      return;
    }
    const parsed = bodyParsedByExpress(req);
    if (parsed === undefined) {
      listener(req, res); // ownership is checked above; the listener need not ask again
      return;
    }
    if (parsed === 'lost') {
      assembly.logger.error({ path }, 'request body was consumed by another parser before mlflow-kserve');
      writeResponse(res, errorResponse(new MlflowKserveError('config_invalid', consumedMessage, { retryable: false })));
      return;
    }
    handle({ method: req.method ?? 'GET', path, headers: req.headers, rawBody: parsed }).then(
      (response) => writeResponse(res, response),
      next,
    );
  };

  const middleware = ((req: ParsedRequest, res: ServerResponse, next: Next): void => {
    if (assembled) {
      serve(assembled, req, res, next);
      return;
    }
    ready.then(
      (assembly) => serve(assembly, req, res, next),
      (error: unknown) => writeResponse(res, errorResponse(toMlflowKserveError(error))),
    );
  }) as Middleware;
  middleware.ready = ready;
  middleware.stop = async () => {
    stopped = true;
    await ready.then(
      (assembly) => assembly.stop(),
      () => undefined,
    );
  };
  return middleware;
}

const consumedMessage =
  'The request body was parsed before mlflowKserveMiddleware, so its exact bytes are gone and the signature cannot be checked. Mount the middleware before express.json(), or use express.json({ verify: captureRawBody }).';

/** The bytes an Express body parser kept (`captureRawBody`, `express.raw()`), `lost` when it kept none, `undefined` when none ran. */
function bodyParsedByExpress(req: ParsedRequest): Buffer | 'lost' | undefined {
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
  if (Buffer.isBuffer(req.body)) return req.body;
  if (req._body || req.readableEnded) return 'lost';
  return undefined;
}
