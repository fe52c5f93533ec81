import { computeSignature } from './compute-signature.js';

/** Input of {@link signPayload}. */
export interface SignPayloadInput {
  secret: string;
  deliveryId: string;
  /** Unix seconds, as sent in `X-MLflow-Timestamp`. */
  timestamp: number | string;
  rawBody: string | Uint8Array;
}

/**
 * Produces the `X-MLflow-Signature` value MLflow would send: `v1,` + base64 of the HMAC.
 *
 * @example
 * ```ts
 * const signature = signPayload({ secret: 's3cret', deliveryId: crypto.randomUUID(), timestamp: 1767225600, rawBody: body });
 * // 'v1,…='
 * ```
 */
export function signPayload(input: SignPayloadInput): string {
  const digest = computeSignature(input.secret, input.deliveryId, String(input.timestamp), input.rawBody);
  return `v1,${digest.toString('base64')}`;
}
