/** A request as isomorphic-git makes it. */
interface GitHttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: AsyncIterable<Uint8Array> | Uint8Array[];
}

/** A response as isomorphic-git reads it. */
interface GitHttpResponse {
  url: string;
  method: string;
  statusCode: number;
  statusMessage: string;
  body: AsyncIterableIterator<Uint8Array>;
  headers: Record<string, string>;
}

async function collect(body: AsyncIterable<Uint8Array> | Uint8Array[]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part);
  return Buffer.concat(parts);
}

async function* chunksOf(stream: ReadableStream<Uint8Array> | null): AsyncIterableIterator<Uint8Array> {
  if (!stream) return;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) yield chunk;
}

/**
 * The HTTP client the Git target gives isomorphic-git: Node's `fetch`, each request (its answer's body included)
 * bounded by `timeoutMs`, so an unreachable or stalled server is an error within the timeout, never a hung delivery.
 *
 * @example
 * ```ts
 * await git.fetch({ fs, http: gitHttpClient(30_000), gitdir, url, ref: 'main', depth: 1 });
 * ```
 */
export function gitHttpClient(timeoutMs: number): { request(request: GitHttpRequest): Promise<GitHttpResponse> } {
  return {
    async request({ url, method = 'GET', headers = {}, body }) {
      const payload = body ? await collect(body) : undefined;
      const response = await fetch(url, {
        method,
        headers,
        ...(payload ? { body: payload } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const answerHeaders: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        answerHeaders[key] = value;
      });
      return {
        url: response.url,
        method,
        statusCode: response.status,
        statusMessage: response.statusText,
        body: chunksOf(response.body),
        headers: answerHeaders,
      };
    },
  };
}
