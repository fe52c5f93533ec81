import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Request as LoadRequest } from 'autocannon';
import { tagEventBody } from '@mlflow-kserve/core';
import { freePort, rssMb } from './child.js';
import { startFakeKube } from './fake-kube.js';
import { startFakeMlflow } from './fake-mlflow.js';
import { signedLoad } from './signed-load.js';

/** How `serve` is started: the npm package's command, or the image's bundle with the image's Node flags. */
export interface ServeVariant {
  label: string;
  entry: string;
  nodeFlags: string[];
}

const cli = (path: string) => fileURLToPath(new URL(`../packages/cli/${path}`, import.meta.url));

/** The flags the container image starts Node with (Dockerfile ENTRYPOINT). */
export const imageNodeFlags = ['--max-semi-space-size=1'];

export const serveVariants: ServeVariant[] = [
  { label: 'npm package (`mlflow-kserve serve`)', entry: cli('dist/bin.js'), nodeFlags: [] },
  { label: 'container image (bundle, image flags)', entry: cli('bundle/mlflow-kserve.mjs'), nodeFlags: imageNodeFlags },
];

/** What one `serve` process measured. */
export interface ServeMeasure {
  label: string;
  toLivezMs: number;
  toReadyzMs: number;
  idleMb: number;
  after5kMb: number;
  after20kMb: number;
  requests: number;
  non2xx: number;
}

async function waitFor(url: string, deadlineMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < deadlineMs) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${url} did not answer 200 within ${deadlineMs} ms`);
}

/** Signed `model_version_tag.set` deliveries for a tag that is not `deploy`: verify, parse, decide, answer `ignored`. */
export function ignoredTagRequest(secret: string): LoadRequest {
  return signedLoad(secret, (n) => tagEventBody(`model-${n % 100}`, '1', 'owner', `team-${n}`));
}

/** A running `serve` with a cluster target against a fake API server and a fake MLflow (both reachable). */
export interface RunningServe {
  url: string;
  pid: number;
  toLivezMs: number;
  toReadyzMs: number;
  stop(): Promise<void>;
}

/** Starts `serve` for a variant and waits for `/readyz`. */
export async function startServe(variant: ServeVariant): Promise<RunningServe> {
  const [mlflow, kube] = await Promise.all([startFakeMlflow(100), startFakeKube()]);
  const dir = mkdtempSync(join(tmpdir(), 'bench-serve-'));
  writeFileSync(join(dir, 'kubeconfig'), kube.kubeconfig);
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...variant.nodeFlags, variant.entry, 'serve'], {
    env: {
      PATH: process.env['PATH'],
      MLFLOW_KSERVE_APP_HOST: '127.0.0.1',
      MLFLOW_KSERVE_APP_PORT: String(port),
      MLFLOW_KSERVE_MLFLOW_TRACKING_URI: mlflow.url,
      MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: benchSecret,
      MLFLOW_KSERVE_KUBE_IN_CLUSTER: 'false',
      MLFLOW_KSERVE_KUBE_CONFIG: join(dir, 'kubeconfig'),
      MLFLOW_KSERVE_LOG_LEVEL: 'WARNING',
    },
    stdio: 'ignore',
  });
  const stop = async () => {
    child.kill();
    await Promise.all([mlflow.close(), kube.close()]);
  };
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`${url}/livez`, 20_000);
    const toLivezMs = performance.now() - started;
    await waitFor(`${url}/readyz`, 20_000);
    const toReadyzMs = performance.now() - started;
    return { url, pid: child.pid!, toLivezMs, toReadyzMs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The webhook secret of the bench servers (the ceiling server uses the same). */
export const benchSecret = 'bench-secret';

/**
 * Starts `serve` with a cluster target and measures the time to `/livez` and to `/readyz` 200, idle RSS,
 * and RSS after 5,000 and 20,000 verified webhooks.
 */
export async function measureServe(variant: ServeVariant): Promise<ServeMeasure> {
  const serve = await startServe(variant);
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const idleMb = await rssMb(serve.pid);
    const request = ignoredTagRequest(benchSecret);
    const round = (amount: number) => autocannon({ url: serve.url, connections: 10, amount, requests: [request] });
    const first = await round(5000);
    await new Promise((r) => setTimeout(r, 1000));
    const after5kMb = await rssMb(serve.pid);
    const second = await round(15_000);
    await new Promise((r) => setTimeout(r, 1000));
    const after20kMb = await rssMb(serve.pid);
    return {
      label: variant.label,
      toLivezMs: serve.toLivezMs,
      toReadyzMs: serve.toReadyzMs,
      idleMb,
      after5kMb,
      after20kMb,
      requests: first.requests.total + second.requests.total,
      non2xx: first.non2xx + second.non2xx + first.errors + second.errors,
    };
  } finally {
    await serve.stop();
  }
}

/** Median time to `/livez` and to `/readyz` over `times` fresh starts (one start alone is at the mercy of a busy machine). */
export async function measureStartup(variant: ServeVariant, times = 5): Promise<{ toLivezMs: number; toReadyzMs: number }> {
  const livez: number[] = [];
  const readyz: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const serve = await startServe(variant);
    livez.push(serve.toLivezMs);
    readyz.push(serve.toReadyzMs);
    await serve.stop();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { toLivezMs: median(livez), toReadyzMs: median(readyz) };
}

/** Saturating load of verified, ignored deliveries against a running `serve`: requests per second. */
export async function serveThroughput(
  variant: ServeVariant,
  seconds: number,
): Promise<{ rps: number; p50: number; p99: number; non2xx: number }> {
  const serve = await startServe(variant);
  try {
    const request = ignoredTagRequest(benchSecret);
    await autocannon({ url: serve.url, connections: 32, duration: 2, requests: [request] });
    const result = await autocannon({ url: serve.url, connections: 32, duration: seconds, requests: [request] });
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
  } finally {
    await serve.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flags = process.argv.slice(2);
  const entry = flags.includes('--dist') ? cli('dist/bin.js') : cli('bundle/mlflow-kserve.mjs');
  const variant = { label: 'ad hoc', entry, nodeFlags: flags.filter((f) => !f.startsWith('--dist') && f !== '--rps') };
  console.log(flags.includes('--rps') ? await serveThroughput(variant, 5) : await measureServe(variant));
}
