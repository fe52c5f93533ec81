import { randomUUID } from 'node:crypto';
import type { WebhookRequest } from '../http/types.js';
import { signPayload } from '../signature/sign-payload.js';

/** Options of {@link signedRequest}. */
export interface SignedRequestOptions {
  secret: string;
  body: string;
  deliveryId?: string;
  /** Unix seconds. Default now. */
  timestamp?: number;
  path?: string;
  headers?: Record<string, string>;
}

/**
 * A webhook request signed exactly as MLflow signs it.
 *
 * @example
 * ```ts
 * const request = signedRequest({ secret: 's3cret', body: tagEventBody('iris', '3', 'deploy', 'true') });
 * ```
 */
export function signedRequest(options: SignedRequestOptions): WebhookRequest {
  const deliveryId = options.deliveryId ?? randomUUID();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    method: 'POST',
    path: options.path ?? '/webhook',
    headers: {
      'content-type': 'application/json',
      'x-mlflow-delivery-id': deliveryId,
      'x-mlflow-timestamp': String(timestamp),
      'x-mlflow-signature': signPayload({ secret: options.secret, deliveryId, timestamp, rawBody: options.body }),
      ...options.headers,
    },
    rawBody: options.body,
  };
}

export { tagEventBody } from '../events/tag-event-body.js';
export { eventBody } from '../events/event-body.js';
