import { randomUUID } from 'node:crypto';
import type { Request as LoadRequest } from 'autocannon';
import { signPayload } from '@mlflow-kserve/core';

/**
 * An autocannon request that sends `body(n)` (n = 0, 1, 2, …) signed as MLflow signs it, with a fresh
 * delivery id and timestamp each time.
 */
export function signedLoad(secret: string, body: (n: number) => string): LoadRequest {
  let n = 0;
  return {
    method: 'POST',
    path: '/webhook',
    setupRequest: (req) => {
      const rawBody = body(n);
      n += 1;
      const deliveryId = randomUUID();
      const timestamp = Math.floor(Date.now() / 1000);
      return {
        ...req,
        body: rawBody,
        headers: {
          'content-type': 'application/json',
          'x-mlflow-delivery-id': deliveryId,
          'x-mlflow-timestamp': String(timestamp),
          'x-mlflow-signature': signPayload({ secret, deliveryId, timestamp, rawBody }),
        },
      };
    },
  };
}
