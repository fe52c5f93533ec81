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

function pyString(value: string): string {
  // Python's json.dumps escapes every non-ASCII character as \uXXXX.
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A `model_version_tag` event body byte-for-byte as MLflow writes it (Python `json.dumps` separators and
 * escaping); `value` undefined gives a `deleted` event.
 *
 * @example
 * ```ts
 * tagEventBody('iris', '3', 'deploy', 'true');
 * // '{"entity": "model_version_tag", "action": "set", "timestamp": "…", "data": {"name": "iris", …}}'
 * ```
 */
export function tagEventBody(model: string, version: string, key: string, value?: string): string {
  const timestamp = new Date().toISOString().replace('Z', '+00:00');
  const data = [`"name": ${pyString(model)}`, `"version": ${pyString(version)}`, `"key": ${pyString(key)}`];
  if (value !== undefined) data.push(`"value": ${pyString(value)}`);
  return `{"entity": "model_version_tag", "action": "${value === undefined ? 'deleted' : 'set'}", "timestamp": "${timestamp}", "data": {${data.join(', ')}}}`;
}
