import type { IncomingHttpHeaders, RequestOptions } from 'node:http';

/**
 * `node:http` and `node:https` as their CommonJS objects, for the core's HTTP clients. On Node 22 and later an ESM
 * `import` of either builds its ESM namespace, which reads every export — and `http.WebSocket` is a getter that
 * loads undici (≈ 40 ms and ≈ 7 MB of a start, for a module the listener never uses). `process.getBuiltinModule`
 * returns the module without reading anything.
 *
 * @example
 * ```ts
 * nodeHttp.request(url, { method: 'GET' }, (response) => response.resume()).end();
 * ```
 */
export const nodeHttp = process.getBuiltinModule('node:http');

/** `node:https`, for the same reason as {@link nodeHttp}. */
export const nodeHttps = process.getBuiltinModule('node:https');

/** An answer read whole by {@link sendHttp}. */
export interface HttpExchange {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One request over `node:http` or `node:https` (by the URL's protocol), answered with its status, headers and
 * whole body — what the MLflow client (`httpFetch`) and the Kubernetes client (`kubeRequest`) both send. With
 * `body`, its `content-length` is set. Rejects with the transport's error (or the abort of `options.signal`).
 *
 * @example
 * ```ts
 * const { status, body } = await sendHttp(new URL('http://mlflow:5000/health'), { method: 'GET' });
 * ```
 */
export function sendHttp(url: URL, options: RequestOptions, body?: Buffer): Promise<HttpExchange> {
  const transport = url.protocol === 'https:' ? nodeHttps : nodeHttp;
  const headers = body ? { ...options.headers, 'content-length': String(body.length) } : options.headers;
  return new Promise<HttpExchange>((resolve, reject) => {
    const request = transport.request(url, { ...options, ...(headers ? { headers } : {}) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end(body);
  });
}
