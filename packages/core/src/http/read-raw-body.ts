import type { IncomingMessage } from 'node:http';

/** The request after {@link captureRawBody} ran inside a body parser. */
export interface RequestWithRawBody extends IncomingMessage {
  rawBody?: Buffer;
  body?: unknown;
  _body?: boolean;
}

/** Result of {@link readRawBody}. */
export type RawBodyResult = { kind: 'bytes'; bytes: Buffer } | { kind: 'too_large' } | { kind: 'consumed' };

/**
 * Gets the exact request bytes: from {@link captureRawBody}, from `express.raw()`, or by reading the
 * stream (stopping past `limit`). When another parser already consumed the stream and kept no bytes,
 * says so (`consumed`) rather than re-serializing.
 *
 * @example
 * ```ts
 * const body = await readRawBody(req, 1_048_576);
 * ```
 */
export async function readRawBody(req: RequestWithRawBody, limit: number): Promise<RawBodyResult> {
  if (Buffer.isBuffer(req.rawBody)) return { kind: 'bytes', bytes: req.rawBody };
  if (Buffer.isBuffer(req.body)) return { kind: 'bytes', bytes: req.body };
  if (req._body || req.readableEnded) return { kind: 'consumed' };
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        resolve({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve({ kind: 'bytes', bytes: Buffer.concat(chunks, size) });
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * A `verify` hook for `express.json()` that keeps the exact bytes, so a host app that parses JSON
 * globally can still mount the middleware after its parser.
 *
 * @example
 * ```ts
 * app.use(express.json({ verify: captureRawBody }));
 * app.use(mlflowKserveMiddleware());
 * ```
 */
export function captureRawBody(req: IncomingMessage, _res: unknown, buffer: Buffer): void {
  (req as RequestWithRawBody).rawBody = Buffer.from(buffer);
}
