import { createHmac } from 'node:crypto';
import { toBytes } from '../util/to-bytes.js';

/**
 * HMAC-SHA256 over `"{deliveryId}.{timestamp}.{rawBody}"` with the UTF-8 bytes of the secret: MLflow's scheme.
 * Returns the 32 raw digest bytes.
 *
 * @example
 * ```ts
 * computeSignature('s3cret', 'id', '1767225600', '{}').length; // 32
 * ```
 */
export function computeSignature(secret: string, deliveryId: string, timestamp: string, rawBody: string | Uint8Array): Buffer {
  const hmac = createHmac('sha256', secret).update(`${deliveryId}.${timestamp}.`, 'utf8');
  return (typeof rawBody === 'string' ? hmac.update(rawBody, 'utf8') : hmac.update(toBytes(rawBody))).digest();
}
