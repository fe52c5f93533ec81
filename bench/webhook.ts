import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { signPayload, tagEventBody } from '@mlflow-kserve/core';
import { forkReady, freePort } from './child.js';

export interface LoadResult {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function signed(): { headers: Record<string, string>; body: string } {
  const body = tagEventBody('iris-classifier', '3', 'deploy', 'true');
  const deliveryId = randomUUID();
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-mlflow-delivery-id': deliveryId,
      'x-mlflow-timestamp': String(timestamp),
      'x-mlflow-signature': signPayload({ secret: 'bench-secret', deliveryId, timestamp, rawBody: body }),
    },
  };
}

async function load(url: string, label: string, options: { rate?: number; seconds: number }): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.rate ? 10 : 32,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [{ method: 'POST', path: '/webhook', setupRequest: (req) => ({ ...req, ...signed() }) }],
  });
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Signed deliveries (unique delivery ids, fresh signatures) against the SDK and against the bare HMAC ceiling. */
export async function webhookBench(seconds = 10): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  const servers = [
    ['mlflow-kserve serve (node:http, in-memory ports)', './servers/standalone-server.ts'],
    ['mlflow-kserve Express middleware (in-memory ports)', './servers/sdk-server.ts'],
    ['reference: Express + HMAC only', './servers/express-hmac-server.ts'],
    ['ceiling: bare node:http + HMAC', './servers/ceiling-server.ts'],
  ] as const;
  for (const [name, module] of servers) {
    const port = await freePort();
    const child = await forkReady(module, [String(port)]);
    try {
      const url = `http://127.0.0.1:${port}`;
      await load(url, 'warm-up', { seconds: 2 });
      results.push(await load(url, `${name} @ saturation`, { seconds }));
      results.push(await load(url, `${name} @ 500 req/s`, { rate: 500, seconds }));
    } finally {
      child.kill();
    }
  }
  return results;
}
