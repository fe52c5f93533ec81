import { type HttpExchange, sendHttp } from '../util/node-http.js';

/** What the MLflow client reads of an answer: a subset of the Fetch API's `Response`. */
export interface HttpAnswer {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** What the MLflow client sends: a subset of the Fetch API's `RequestInit`. */
export interface HttpRequestInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Largest body read (not part of `fetch`: global `fetch` reads it whole, and the caller checks it after). */
  maxBodyBytes?: number;
}

/** A function with the shape of `fetch` as the MLflow client calls it (global `fetch` is one). */
export type HttpFetch = (url: URL, init: HttpRequestInit) => Promise<HttpAnswer>;

const redirects = new Set([301, 302, 303, 307, 308]);

/**
 * `fetch` for the MLflow client over `node:http` and `node:https` with Node's kept-alive default agents. Global
 * `fetch` is undici, which Node loads on first use (≈ 40 ms and ≈ 7 MB on Node 22) and which costs more CPU
 * per request; a listener only needs JSON over HTTP. A redirect is left to global `fetch`, which follows it
 * as browsers do (and drops credentials when it leaves the origin). The signal aborts the request
 * (`AbortSignal.timeout` → an error named `AbortError` or `TimeoutError`).
 *
 * @example
 * ```ts
 * const answer = await httpFetch(new URL('http://mlflow:5000/health'), { method: 'GET', headers: {} });
 * answer.status; // 200
 * ```
 */
export const httpFetch: HttpFetch = async (url, init) => {
  let answer: HttpExchange;
  try {
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    answer = await sendHttp(
      url,
      { method: init.method, headers: init.headers, ...(init.signal ? { signal: init.signal } : {}) },
      body,
      init.maxBodyBytes === undefined ? {} : { maxBodyBytes: init.maxBodyBytes },
    );
  } catch (error) {
    throw init.signal?.aborted ? abortError(init.signal) : error;
  }
  if (redirects.has(answer.status) && answer.headers.location) return (await globalThis.fetch(url, init)) as HttpAnswer;
  const { status, headers, body } = answer;
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: {
      get: (name) => {
        const value = headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    json: async () => JSON.parse(body.toString('utf8')) as unknown,
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
  };
};

/** The signal's reason when it is an error (AbortSignal.timeout's is a `TimeoutError`), else an `AbortError`. */
function abortError(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const error = new Error('The request was aborted.');
  error.name = 'AbortError';
  return error;
}
