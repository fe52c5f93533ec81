import type { IncomingMessage } from 'node:http';

/** Result of {@link readRawBody}. */
export type RawBodyResult = { kind: 'bytes'; bytes: Buffer } | { kind: 'too_large' };

/**
 * Reads the exact request bytes from the stream, stopping past `limit` (then the rest is not read).
 *
 * @example
 * ```ts
 * const body = await readRawBody(req, 1_048_576);
 * ```
 */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<RawBodyResult> {
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
