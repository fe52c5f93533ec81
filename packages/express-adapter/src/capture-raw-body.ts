import type { IncomingMessage } from 'node:http';

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
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = Buffer.from(buffer);
}
