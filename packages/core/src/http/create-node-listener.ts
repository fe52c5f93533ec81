import type { IncomingMessage, ServerResponse } from 'node:http';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { errorResponse } from './json-response.js';
import { readRawBody } from './read-raw-body.js';
import type { WebhookRequest, WebhookResponse } from './types.js';

/** Options of {@link createNodeListener}. */
export interface NodeListenerOptions {
  /** Bodies beyond this many bytes are refused with 413 while reading. */
  maxBodyBytes: number;
}

/** A handler that may say which paths are its own (see `createRequestHandler`). */
type Handler = ((request: WebhookRequest) => Promise<WebhookResponse>) & { owns?: (path: string) => boolean };

/**
 * A `node:http` request listener over the core's request handler: the thinnest adapter (no framework),
 * used by `mlflow-kserve serve` and, with `next`, by the Express middleware. Reads the exact bytes (refusing
 * oversized bodies while reading), calls the handler, writes its answer. Given `next` (a middleware
 * chain), a path the handler does not own is passed on without reading its body.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const handle = createRequestHandler({ config, kube, mlflow });
 * createServer(createNodeListener(handle, { maxBodyBytes: config.max_body_bytes })).listen(8000);
 * ```
 */
export function createNodeListener(
  handle: Handler,
  options: NodeListenerOptions,
): (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void {
  return (req, res, next) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    // In a middleware chain, paths that are not ours go on untouched (the body is not read).
    if (next && handle.owns && !handle.owns(path)) {
      next();
      return;
    }
    void (async () => {
      let rawBody: Buffer = Buffer.alloc(0);
      if (req.method === 'POST') {
        const body = await readRawBody(req, options.maxBodyBytes);
        if (body.kind === 'too_large') {
          res.setHeader('connection', 'close');
          writeResponse(
            res,
            errorResponse(
              new MlflowKserveError(
                'payload_too_large',
                `Body exceeds the ${options.maxBodyBytes}-byte limit (MLFLOW_KSERVE_MAX_BODY_BYTES).`,
              ),
            ),
          );
          return;
        }
        rawBody = body.bytes;
      }
      writeResponse(res, await handle({ method: req.method ?? 'GET', path, headers: req.headers, rawBody }));
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"status":"error","error":{"code":"internal","message":"Unexpected internal error; see the server log."}}');
    });
  };
}

/**
 * Writes a core response to a `node:http` response in one go, with its `content-length`.
 *
 * @example
 * ```ts
 * writeResponse(res, await handle(request));
 * ```
 */
export function writeResponse(res: ServerResponse, response: WebhookResponse): void {
  // With its length known, Node sends headers and body in one write instead of a chunked, multi-part one.
  res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
  res.end(response.body);
}
