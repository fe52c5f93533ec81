import { randomUUID } from 'node:crypto';
import autocannon, { type Request as LoadRequest } from 'autocannon';
import { signPayload, tagEventBody } from '@mlflow-kserve/core';
import { forkReady, freePort } from './child.js';
import { benchSecret, ignoredTagRequest, type ServeVariant, serveThroughput } from './serve-process.js';

export interface LoadResult {
  server: string;
  path: 'verified (ignored tag)' | 'deploy (unchanged)';
  load: 'saturation' | '500 req/s';
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Signed `deploy=true` deliveries for a version whose InferenceService is in place: the whole deploy path, answering `unchanged`. */
function deployRequest(): LoadRequest {
  return {
    method: 'POST',
    path: '/webhook',
    setupRequest: (req) => {
      const body = tagEventBody('iris-classifier', '3', 'deploy', 'true');
      const deliveryId = randomUUID();
      const timestamp = Math.floor(Date.now() / 1000);
      return {
        ...req,
        body,
        headers: {
          'content-type': 'application/json',
          'x-mlflow-delivery-id': deliveryId,
          'x-mlflow-timestamp': String(timestamp),
          'x-mlflow-signature': signPayload({ secret: benchSecret, deliveryId, timestamp, rawBody: body }),
        },
      };
    },
  };
}

async function load(url: string, request: LoadRequest, options: { rate?: number; seconds: number }) {
  return autocannon({
    url,
    connections: options.rate ? 10 : 32,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [request],
  });
}

/**
 * In one run: the bare node:http + HMAC ceiling, Express + the same HMAC check, the Express middleware, and
 * `serve` (npm package and container image) on the verified path (a signed tag event that is not `deploy`:
 * verify, parse, decide); and the deploy path (MLflow read, render, compare, `unchanged`) with in-memory ports.
 */
export async function webhookBench(seconds: number, serveVariants: ServeVariant[]): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  const forked = [
    ['ceiling: bare node:http + HMAC', './servers/ceiling-server.ts', 'verified (ignored tag)'],
    ['reference: Express + HMAC only', './servers/express-hmac-server.ts', 'verified (ignored tag)'],
    ['Express middleware', './servers/sdk-server.ts', 'verified (ignored tag)'],
    ['serve core, in-memory ports', './servers/standalone-server.ts', 'deploy (unchanged)'],
  ] as const;
  for (const [server, module, path] of forked) {
    const port = await freePort();
    const child = await forkReady(module, [String(port)]);
    try {
      const url = `http://127.0.0.1:${port}`;
      const request = path === 'deploy (unchanged)' ? deployRequest() : ignoredTagRequest(benchSecret);
      await load(url, request, { seconds: 2 });
      for (const [loadName, rate] of [
        ['saturation', undefined],
        ['500 req/s', 500],
      ] as const) {
        const r = await load(url, request, { seconds, ...(rate ? { rate } : {}) });
        results.push({
          server,
          path,
          load: loadName,
          rps: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          non2xx: r.non2xx,
          errors: r.errors,
        });
      }
    } finally {
      child.kill();
    }
  }
  for (const variant of serveVariants) {
    const r = await serveThroughput(variant, seconds);
    results.push({
      server: `serve: ${variant.label}`,
      path: 'verified (ignored tag)',
      load: 'saturation',
      rps: r.rps,
      p50: r.p50,
      p99: r.p99,
      non2xx: r.non2xx,
      errors: 0,
    });
  }
  return results;
}
