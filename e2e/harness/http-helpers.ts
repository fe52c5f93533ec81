import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** A request's headers to pass on to another server (hop-by-hop and length headers dropped). */
export function forwardableHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) out[k] = v;
  return out;
}

/** Calls `handle` with a request's whole body once it has arrived. */
export function withBody(req: IncomingMessage, handle: (body: Buffer) => Promise<void>, onError: (error: unknown) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => void handle(Buffer.concat(chunks)).catch(onError));
}

/** An API Gateway HTTP API (payload 2.0) event carrying MLflow's exact bytes and headers. */
export function httpApiEvent(headers: Record<string, string>, body: Buffer) {
  return {
    version: '2.0',
    rawPath: '/webhook',
    headers,
    body: body.toString('base64'),
    isBase64Encoded: true,
    requestContext: { stage: '$default', http: { method: 'POST' } },
  };
}
