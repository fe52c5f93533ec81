import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { toMlflowKserveError } from '../errors/to-mlflow-kserve-error.js';
import { errorResponse, jsonResponse } from '../http/json-response.js';
import type { WebhookRequest, WebhookResponse } from '../http/types.js';
import { toRuntime, type MlflowKserveDeps, type Runtime } from '../sync/runtime.js';
import { createWebhookHandler, type WebhookHandlerOptions } from './create-webhook-handler.js';
import { health } from './health.js';
import { listServices } from './list-services.js';

/** Options of {@link createRequestHandler}. */
export interface RequestHandlerOptions extends WebhookHandlerOptions {
  /** Serves `GET /metrics` when given (e.g. a prom-client registry's text). */
  metricsText?: () => Promise<{ contentType: string; body: string }>;
}

/** Every route the adapters expose. */
export const routes = ['/webhook', '/health', '/livez', '/readyz', '/services', '/metrics'] as const;

/**
 * All routes as one function of plain data, for adapters: `POST /webhook`, `GET /health` (the spec's
 * shape; 503 when unhealthy), `GET /livez` (the process only), `GET /readyz` (dependencies),
 * `GET /services`, `GET /metrics` (when `metricsText` is given). Unknown paths → 404, wrong methods → 405.
 * Never throws.
 *
 * @example
 * ```ts
 * const handle = createRequestHandler({ config, kube, mlflow });
 * const { status, headers, body } = await handle({ method: 'GET', path: '/health', headers: {}, rawBody: '' });
 * ```
 */
export function createRequestHandler(
  deps: MlflowKserveDeps | Runtime,
  options: RequestHandlerOptions = {},
): (request: WebhookRequest) => Promise<WebhookResponse> {
  const rt = toRuntime(deps);
  const webhook = createWebhookHandler(rt, options);
  const gets: Record<string, () => Promise<WebhookResponse>> = {
    '/health': async () => {
      const report = await health(rt);
      return jsonResponse(report.status === 'healthy' ? 200 : 503, report);
    },
    '/livez': async () => jsonResponse(200, { status: 'alive' }),
    '/readyz': async () => {
      const report = await health(rt);
      return jsonResponse(report.status === 'healthy' ? 200 : 503, {
        ...report,
        status: report.status === 'healthy' ? 'ready' : 'not_ready',
      });
    },
    '/services': async () => jsonResponse(200, await listServices(rt)),
  };
  if (options.metricsText) {
    const metricsText = options.metricsText;
    gets['/metrics'] = async () => {
      const { contentType, body } = await metricsText();
      return { status: 200, headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body };
    };
  }

  return async (request) => {
    const path = request.path.split('?')[0]!.replace(/\/+$/, '') || '/';
    if (path === '/webhook') return webhook(request);
    const route = gets[path];
    if (!route)
      return errorResponse(
        new MlflowKserveError('not_found', `No route ${path}. Routes: POST /webhook, GET ${Object.keys(gets).join(', ')}.`),
      );
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD')
      return errorResponse(new MlflowKserveError('method_not_allowed', `Use GET for ${path}.`), { allow: 'GET, HEAD' });
    try {
      return await route();
    } catch (thrown) {
      const error = toMlflowKserveError(thrown);
      rt.logger.error({ code: error.code, error: error.message, path }, 'request failed');
      return errorResponse(error);
    }
  };
}
