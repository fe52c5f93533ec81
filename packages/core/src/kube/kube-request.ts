import type { RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { sendHttp } from '../util/node-http.js';

/** An answer of the API server with a status of 400 or more (the shape `kubeError` reads: `code` and `body`). */
export class KubeStatusError extends Error {
  constructor(
    /** The HTTP status. */
    readonly code: number,
    /** The response body as text (usually a `Status` object). */
    readonly body: string,
  ) {
    super(`HTTP ${code}`);
    this.name = 'KubeStatusError';
  }
}

/** Options of {@link kubeRequest}. */
export interface KubeRequestOptions {
  /** Query parameters; `undefined` values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  /** A JSON body. */
  body?: unknown;
  /** Content type of the body. Default `application/json`. */
  contentType?: string;
}

/**
 * One JSON request to the API server of the kubeconfig's current context. `@kubernetes/client-node` supplies
 * everything about the connection — server, TLS, credentials (tokens, client certificates, exec and OIDC
 * plugins), proxies and the agent — through `applyToHTTPSOptions`, as its own `Watch` does; this only sends
 * the request and reads the answer, without client-node's generated API classes and their ~700 model types.
 *
 * @throws KubeStatusError for a status of 400 or more; the transport's own error when the server is unreachable.
 * @example
 * ```ts
 * const isvc = await kubeRequest(kubeConfig, 'GET', '/apis/serving.kserve.io/v1beta1/namespaces/models/inferenceservices/a');
 * ```
 */
export async function kubeRequest<T = unknown>(
  kubeConfig: KubeConfig,
  method: string,
  path: string,
  options: KubeRequestOptions = {},
): Promise<T> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('The kubeconfig has no current cluster.');
  const url = new URL(cluster.server.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const connection: RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(connection);
  const body = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [key, value] of Object.entries(connection.headers ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') headers[key.toLowerCase()] = String(value);
  }
  if (connection.auth) headers['authorization'] = `Basic ${Buffer.from(connection.auth).toString('base64')}`;
  if (body) headers['content-type'] = options.contentType ?? 'application/json';
  const answer = await sendHttp(url, { method, headers, ...(connection.agent ? { agent: connection.agent } : {}) }, body);
  const text = answer.body.toString('utf8');
  if (answer.status >= 400) throw new KubeStatusError(answer.status, text);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}
