import type { RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { nodeHttp, nodeHttps } from '../util/node-http.js';

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
  if (body) {
    headers['content-type'] = options.contentType ?? 'application/json';
    headers['content-length'] = String(body.length);
  }
  const transport = url.protocol === 'http:' ? nodeHttp : nodeHttps;
  return await new Promise<T>((resolve, reject) => {
    const request = transport.request(url, { method, headers, ...(connection.agent ? { agent: connection.agent } : {}) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = response.statusCode ?? 0;
        if (status >= 400) {
          reject(new KubeStatusError(status, text));
          return;
        }
        try {
          resolve((text === '' ? undefined : JSON.parse(text)) as T);
        } catch (error) {
          reject(error);
        }
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}
