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
 * A kept-alive connection can be closed by the server while idle just as a request is sent on it (MLflow's
 * server and Node's agents both drop idle connections after about 5 s); the request then fails with
 * `ECONNRESET` before any answer, never having been read. Such a request is sent once more on a new
 * connection when its method is safe to repeat (GET, HEAD, OPTIONS, TRACE — what Go's `net/http` replays);
 * any other failure, and any failure on a new connection, is the caller's to handle.
 *
 * @example
 * ```ts
 * const { status, body } = await sendHttp(new URL('http://mlflow:5000/health'), { method: 'GET' });
 * ```
 */
export async function sendHttp(url: URL, options: RequestOptions, body?: Buffer, limits: AnswerLimits = {}): Promise<HttpExchange> {
  const first = await attempt(url, options, body, limits);
  if (first.ok) return first.exchange;
  if (!first.staleConnection || !replayable.has((options.method ?? 'GET').toUpperCase()) || options.signal?.aborted) throw first.error;
  const second = await attempt(url, options, body, limits);
  if (second.ok) return second.exchange;
  throw second.error;
}

/** Bounds on an answer read by {@link sendHttp}. */
export interface AnswerLimits {
  /** Largest body read; a longer one ends the request with an {@link AnswerTooLarge} error. */
  maxBodyBytes?: number;
}

/** An answer's body was longer than {@link AnswerLimits.maxBodyBytes}; the connection was closed instead of read on. */
export class AnswerTooLarge extends Error {
  override readonly name = 'AnswerTooLarge';
  constructor(readonly maxBodyBytes: number) {
    super(`The answer's body is longer than ${maxBodyBytes} bytes.`);
  }
}

/** Methods that may be sent again after a connection failed under them (RFC 9110's safe methods). */
const replayable = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

type Attempt = { ok: true; exchange: HttpExchange } | { ok: false; error: unknown; staleConnection: boolean };

function attempt(url: URL, options: RequestOptions, body: Buffer | undefined, limits: AnswerLimits): Promise<Attempt> {
  const transport = url.protocol === 'https:' ? nodeHttps : nodeHttp;
  const headers = body ? { ...options.headers, 'content-length': String(body.length) } : options.headers;
  return new Promise<Attempt>((resolve) => {
    let answered = false;
    const request = transport.request(url, { ...options, ...(headers ? { headers } : {}) }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      let length = 0;
      response.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (limits.maxBodyBytes !== undefined && length > limits.maxBodyBytes) {
          resolve({ ok: false, error: new AnswerTooLarge(limits.maxBodyBytes), staleConnection: false });
          response.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error) => resolve({ ok: false, error, staleConnection: false }));
      response.on('end', () =>
        resolve({ ok: true, exchange: { status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) } }),
      );
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const staleConnection = request.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      resolve({ ok: false, error, staleConnection });
    });
    request.end(body);
  });
}
