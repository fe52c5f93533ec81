/**
 * The exact bytes of a body: a string is UTF-8 encoded, bytes are used as they are.
 *
 * @example
 * ```ts
 * toBytes('{"a": 1}').length; // 8
 * ```
 */
export function toBytes(body: string | Uint8Array): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
