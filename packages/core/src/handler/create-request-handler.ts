import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { toMlflowKserveError } from '../errors/to-mlflow-kserve-error.js';
import { errorResponse, jsonResponse } from '../http/json-response.js';
import type { WebhookRequest, WebhookResponse } from '../http/types.js';
import { toRuntime, type MlflowKserveDeps, type Runtime } from '../runtime/runtime.js';
import { createWebhookHandler, type WebhookHandlerOptions } from './create-webhook-handler.js';
import { health } from './health.js';
import { listServices } from './list-services.js';
import { getHeader } from '../util/get-header.js';
import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of an `Authorization: Bearer …` header with the admin token. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '';
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** Options of {@link createRequestHandler}. */
export interface RequestHandlerOptions extends WebhookHandlerOptions {
  /** Serves `GET /metrics` when given (e.g. a prom-client registry's text). */
  metricsText?: () => Promise<{ contentType: string; body: string }>;
}

/** All routes as one function of plain data, which also says which paths are its own (adapters pass the rest on). */
export type RequestHandler = ((request: WebhookRequest) => Promise<WebhookResponse>) & {
  /** Whether `path` is one of this handler's routes; an Express middleware calls `next()` otherwise. */
  owns(path: string): boolean;
};

/** Every route the adapters expose. */
export const routes = ['/webhook', '/health', '/livez', '/readyz', '/services', '/metrics'] as const;

/**
 * All routes as one function of plain data, for adapters: `POST /webhook`, `GET /health` (`{status, mlflow_connected, kubernetes_connected}`
 * shape; 503 when unhealthy), `GET /livez` (the process only), `GET /readyz` (dependencies),
 * `GET /services`, `GET /metrics` (when `metricsText` is given; both need `Authorization: Bearer <admin_token>`
 * when `admin_token` is set). Unknown paths → 404, wrong methods → 405.
 * Never throws.
 *
 * @example
 * ```ts
 * const handle = createRequestHandler({ config, kube, mlflow });
 * const { status, headers, body } = await handle({ method: 'GET', path: '/health', headers: {}, rawBody: '' });
 * ```
 */
export function createRequestHandler(deps: MlflowKserveDeps | Runtime, options: RequestHandlerOptions = {}): RequestHandler {
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

  const guarded = new Set(['/services', '/metrics']);
  const normalize = (path: string): string =>
    // Most requests are `/webhook` exactly: no query, no trailing slash, nothing to strip.
    path === '' || path.endsWith('/') || path.includes('?') ? path.split('?')[0]!.replace(/\/+$/, '') || '/' : path;
  const owns = (path: string): boolean => {
    const p = normalize(path);
    return p === '/webhook' || p in gets;
  };
  // Not async itself: a webhook's answer is handed on as it is, without one more promise to settle.
  const handle = (request: WebhookRequest): Promise<WebhookResponse> => {
    const path = normalize(request.path);
    return path === '/webhook' ? webhook(request) : answerGet(request, path);
  };
  const answerGet = async (request: WebhookRequest, path: string): Promise<WebhookResponse> => {
    const route = gets[path];
    if (!route)
      return errorResponse(
        new MlflowKserveError('not_found', `No route ${path.slice(0, 200)}. Routes: POST /webhook, GET ${Object.keys(gets).join(', ')}.`),
      );
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD')
      return errorResponse(new MlflowKserveError('method_not_allowed', `Use GET for ${path}.`), { allow: 'GET, HEAD' });
    if (guarded.has(path) && rt.config.admin_token && !bearerMatches(getHeader(request.headers, 'authorization'), rt.config.admin_token)) {
      return errorResponse(
        new MlflowKserveError('unauthorized', `${path} needs the header Authorization: Bearer <MLFLOW_KSERVE_ADMIN_TOKEN>.`),
        { 'www-authenticate': 'Bearer' },
      );
    }
    try {
      return await route();
    } catch (thrown) {
      const error = toMlflowKserveError(thrown);
      rt.logger.error({ code: error.code, error: error.message, path }, 'request failed');
      return errorResponse(error);
    }
  };
  return Object.assign(handle, { owns });
}
