import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Request as LoadRequest } from 'autocannon';
import { tagEventBody } from '@mlflow-kserve/core';
import { freePort, median, rssMb } from './child.js';
import { startFakeKube } from './fake-kube.js';
import { startFakeMlflow } from './fake-mlflow.js';
import { signedLoad } from './signed-load.js';
import { nodeForMajor } from '../scripts/image/node-for-major.js';
import { replayRuntimeStage, runtimeStage } from '../scripts/image/replay-runtime-stage.js';

/** How `serve` is started: a Node binary, its arguments before `serve`, and environment. */
export interface ServeVariant {
  label: string;
  node: string;
  args: string[];
  env?: Record<string, string>;
}

const cli = (path: string) => fileURLToPath(new URL(`../packages/cli/${path}`, import.meta.url));

/** The npm package's command, on this Node. */
export const npmVariant: ServeVariant = {
  label: 'npm package (`mlflow-kserve serve`)',
  node: process.execPath,
  args: [cli('bin/mlflow-kserve.js')],
};

let image: ServeVariant | undefined;

/**
 * The container image's `serve`: its runtime stage replayed in a temporary directory (the bundle, the compile cache
 * made by its RUN line, its ENV, its ENTRYPOINT's Node flags) on the image's Node major, installed once if needed.
 */
export function imageVariant(): ServeVariant {
  if (image) return image;
  const stage = runtimeStage();
  const { command, env } = replayRuntimeStage(mkdtempSync(join(tmpdir(), 'bench-image-')), nodeForMajor(stage.nodeMajor));
  const [node, ...args] = command;
  image = {
    label: `container image (bundle, compile cache, image flags, Node ${stage.nodeMajor})`,
    node: node!,
    args: args.slice(0, -1),
    env,
  };
  return image;
}

/** The Node flags of the image's ENTRYPOINT. */
export const imageNodeFlags = (): string[] => runtimeStage().command.slice(1, -2);

export const serveVariants = (): ServeVariant[] => [npmVariant, imageVariant()];

/**
 * The npm package's command on the image's Node major, without the image's flags or compile cache: set beside the
 * npm row on this Node, it separates what the Node version costs from what the code does (not a target).
 */
export function npmOnImageNode(): ServeVariant {
  const major = runtimeStage().nodeMajor;
  return { ...npmVariant, label: `npm package on Node ${major} (diagnosis: the same code on the image's Node)`, node: nodeForMajor(major) };
}

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
  const child: ChildProcess = spawn(variant.node, [...variant.args, 'serve'], {
    env: {
      ...variant.env,
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

/**
 * Medians over `times` fresh starts (one start alone is at the mercy of a busy machine): time to `/livez` and
 * to `/readyz`, and RSS 2 s after `/readyz`.
 */
export async function measureStartup(variant: ServeVariant, times = 5): Promise<{ toLivezMs: number; toReadyzMs: number; idleMb: number }> {
  const livez: number[] = [];
  const readyz: number[] = [];
  const idle: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const serve = await startServe(variant);
    livez.push(serve.toLivezMs);
    readyz.push(serve.toReadyzMs);
    await new Promise((r) => setTimeout(r, 2000));
    idle.push(await rssMb(serve.pid));
    await serve.stop();
  }
  return { toLivezMs: median(livez), toReadyzMs: median(readyz), idleMb: median(idle) };
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
  // Ad hoc: `tsx bench/serve-process.ts [--rps] [--dist] [node flags]` measures the image (default) or, with
  // --dist, the npm package; node flags given replace the image's.
  const flags = process.argv.slice(2);
  const nodeFlags = flags.filter((f) => f !== '--dist' && f !== '--rps');
  const base = flags.includes('--dist') ? npmVariant : imageVariant();
  const variant = nodeFlags.length > 0 ? { ...base, label: 'ad hoc', args: [...nodeFlags, base.args[base.args.length - 1]!] } : base;
  console.log(flags.includes('--rps') ? await serveThroughput(variant, 5) : await measureServe(variant));
}
