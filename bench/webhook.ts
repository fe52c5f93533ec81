import { execFileSync } from 'node:child_process';
import autocannon, { type Request as LoadRequest } from 'autocannon';
import { tagEventBody } from '@mlflow-kserve/core';
import { cpuMs, forkReady, freePort, median } from './child.js';
import { benchSecret, ignoredTagRequest, type ServeVariant, startServe } from './serve-process.js';
import { signedLoad } from './signed-load.js';

export interface LoadResult {
  server: string;
  /** The Node version the server ran on (a ratio compares servers on the same Node). */
  node: string;
  path: 'verified (ignored tag)' | 'deploy (unchanged)';
  load: 'saturation' | '500 req/s';
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** The server process's CPU time per answered request (user + system, median round), in µs; saturation only. */
  cpuUsPerRequest?: number;
}

/** Signed `deploy=true` deliveries for a version whose InferenceService is in place: the whole deploy path, answering `unchanged`. */
const deployRequest = (): LoadRequest => signedLoad(benchSecret, () => tagEventBody('iris-classifier', '3', 'deploy', 'true'));

async function load(url: string, request: LoadRequest, options: { rate?: number; seconds: number }) {
  return autocannon({
    url,
    connections: options.rate ? 10 : 32,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [request],
  });
}

const nodeVersion = (node: string): string => execFileSync(node, ['-p', 'process.version'], { encoding: 'utf8' }).trim();

/** The ceiling's label on a given Node: the one the ratios of servers on that Node are divided by. */
export const ceilingLabel = (node: string): string => `ceiling: bare node:http + HMAC (Node ${node.replace(/^v/, '').split('.')[0]})`;

/**
 * In one run: the bare node:http + HMAC ceiling (on this Node, and once more on each other Node a `serve` variant
 * runs on, so every ratio compares like with like), Express + the same HMAC check, the Express middleware, and
 * `serve` (npm package and container image) on the verified path (a signed tag event that is not `deploy`:
 * verify, parse, decide); and the deploy path (MLflow read, render, compare, `unchanged`) with in-memory ports.
 * Every server runs at once; saturation is measured in `rounds` short rounds that take turns between the
 * servers, and the median round is kept, so a slow moment of a shared machine does not land on one server only.
 */
export async function webhookBench(seconds: number, serveVariants: ServeVariant[], rounds = 5): Promise<LoadResult[]> {
  const here = process.version;
  const otherNodes = [...new Set(serveVariants.map((v) => v.node))].filter((node) => nodeVersion(node) !== here);
  const forked: [string, string, LoadResult['path'], string][] = [
    [ceilingLabel(here), './servers/ceiling-server.ts', 'verified (ignored tag)', process.execPath],
    ...otherNodes.map((node): [string, string, LoadResult['path'], string] => [
      ceilingLabel(nodeVersion(node)),
      './servers/ceiling-server.ts',
      'verified (ignored tag)',
      node,
    ]),
    ['reference: Express + HMAC only', './servers/express-hmac-server.ts', 'verified (ignored tag)', process.execPath],
    ['Express middleware', './servers/sdk-server.ts', 'verified (ignored tag)', process.execPath],
    ['serve core, in-memory ports', './servers/standalone-server.ts', 'deploy (unchanged)', process.execPath],
  ];
  const servers: { server: string; node: string; path: LoadResult['path']; url: string; pid: number; stop(): Promise<void> | void }[] = [];
  try {
    for (const [server, module, path, node] of forked) {
      const port = await freePort();
      const child = await forkReady(module, [String(port)], process.env, node);
      servers.push({
        server,
        node: nodeVersion(node),
        path,
        url: `http://127.0.0.1:${port}`,
        pid: child.pid!,
        stop: () => void child.kill(),
      });
    }
    for (const variant of serveVariants) {
      const running = await startServe(variant);
      servers.push({
        server: `serve: ${variant.label}`,
        node: nodeVersion(variant.node),
        path: 'verified (ignored tag)',
        url: running.url,
        pid: running.pid,
        stop: running.stop,
      });
    }
    const requestFor = (path: LoadResult['path']) => (path === 'deploy (unchanged)' ? deployRequest() : ignoredTagRequest(benchSecret));
    for (const s of servers) await load(s.url, requestFor(s.path), { seconds: 2 }); // warm-up
    const samples = new Map<string, { rps: number; p50: number; p99: number; bad: number; cpuUs: number }[]>();
    const roundSeconds = Math.max(2, Math.round(seconds / 2));
    for (let round = 0; round < rounds; round += 1) {
      for (const s of servers) {
        const cpuBefore = cpuMs(s.pid);
        const r = await load(s.url, requestFor(s.path), { seconds: roundSeconds });
        const cpuUs = ((cpuMs(s.pid) - cpuBefore) * 1000) / Math.max(1, r.requests.total);
        samples.set(s.server, [
          ...(samples.get(s.server) ?? []),
          { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors, cpuUs },
        ]);
      }
    }
    const results: LoadResult[] = [];
    for (const s of servers) {
      const runs = samples.get(s.server)!;
      const mid = runs.find((r) => r.rps === median(runs.map((x) => x.rps)))!;
      results.push({
        server: s.server,
        node: s.node,
        path: s.path,
        load: 'saturation',
        rps: mid.rps,
        p50: mid.p50,
        p99: mid.p99,
        non2xx: runs.reduce((a, r) => a + r.bad, 0),
        errors: 0,
        cpuUsPerRequest: median(runs.map((r) => r.cpuUs)),
      });
      const steady = await load(s.url, requestFor(s.path), { seconds, rate: 500 });
      results.push({
        server: s.server,
        node: s.node,
        path: s.path,
        load: '500 req/s',
        rps: steady.requests.average,
        p50: steady.latency.p50,
        p99: steady.latency.p99,
        non2xx: steady.non2xx,
        errors: steady.errors,
      });
    }
    return results;
  } finally {
    for (const s of servers) await s.stop();
  }
}
