// What embedding the SDK costs a host service: an Express app started alone, and with mlflowKserveMiddleware() on a
// directory target and on a cluster target (a fake API server and a fake MLflow over HTTP, so the real clients load
// and connect). Each start is timed from spawning the process to the answer of one signed deploy delivery (import +
// `ready` + listen + the delivery: read MLflow, render, write), and its RSS read 1 s later.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signPayload, tagEventBody } from '@mlflow-kserve/core';
import { freePort, median, rssMb } from './child.js';
import { startFakeKube } from './fake-kube.js';
import { startFakeMlflow } from './fake-mlflow.js';

/** How the host runs: without the SDK, or with the middleware on one target. */
export type EmbedVariant = 'express alone' | 'express + middleware, directory target' | 'express + middleware, cluster target';
export const embedVariants: EmbedVariant[] = [
  'express alone',
  'express + middleware, directory target',
  'express + middleware, cluster target',
];

/** Medians of several starts of one variant. */
export interface EmbedMeasure {
  variant: EmbedVariant;
  /** Spawn → `ready` sent (after listen). */
  toReadyMs: number;
  /** Spawn → one signed delivery answered. */
  toDeliveryMs: number;
  /** RSS 1 s after that delivery. */
  rssMb: number;
  /** HTTP status of the delivery (200 with the middleware, 404 without). */
  status: number;
}

const host = fileURLToPath(new URL('./servers/embed-host.mjs', import.meta.url));
const secret = 'bench-secret';

async function startOnce(variant: EmbedVariant): Promise<{ toReadyMs: number; toDeliveryMs: number; rssMb: number; status: number }> {
  const [mlflow, kube] = await Promise.all([startFakeMlflow(1), startFakeKube()]);
  const dir = mkdtempSync(join(tmpdir(), 'bench-embed-'));
  writeFileSync(join(dir, 'kubeconfig'), kube.kubeconfig);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    MLFLOW_KSERVE_MLFLOW_TRACKING_URI: mlflow.url,
    MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: secret,
    MLFLOW_KSERVE_LOG_LEVEL: 'WARNING',
    ...(variant.endsWith('directory target')
      ? { MLFLOW_KSERVE_KUBE_TARGET: `dir:${join(dir, 'manifests')}` }
      : { MLFLOW_KSERVE_KUBE_IN_CLUSTER: 'false', MLFLOW_KSERVE_KUBE_CONFIG: join(dir, 'kubeconfig') }),
  };
  const started = performance.now();
  const child: ChildProcess = fork(host, [String(port), variant === 'express alone' ? 'none' : 'middleware'], {
    execArgv: [],
    env,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`the embedding host exited with ${code}`)));
    });
    const toReadyMs = performance.now() - started;
    const rawBody = tagEventBody('model-0', '1', 'deploy', 'true');
    const deliveryId = `bench-${port}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(`http://127.0.0.1:${port}/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-mlflow-delivery-id': deliveryId,
        'x-mlflow-timestamp': String(timestamp),
        'x-mlflow-signature': signPayload({ secret, deliveryId, timestamp, rawBody }),
      },
      body: rawBody,
    });
    await response.arrayBuffer();
    const toDeliveryMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 1000));
    return { toReadyMs, toDeliveryMs, rssMb: await rssMb(child.pid!), status: response.status };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(undefined)));
    await Promise.all([mlflow.close(), kube.close()]);
  }
}

/** Starts each variant `times` times, taking turns between them (a busy moment of the machine hits all alike). */
export async function embeddingBench(times = 7): Promise<EmbedMeasure[]> {
  const runs = new Map(embedVariants.map((v) => [v, [] as Awaited<ReturnType<typeof startOnce>>[]]));
  for (let i = 0; i < times; i += 1) for (const variant of embedVariants) runs.get(variant)!.push(await startOnce(variant));
  return embedVariants.map((variant) => {
    const r = runs.get(variant)!;
    return {
      variant,
      toReadyMs: median(r.map((x) => x.toReadyMs)),
      toDeliveryMs: median(r.map((x) => x.toDeliveryMs)),
      rssMb: median(r.map((x) => x.rssMb)),
      status: Math.max(...r.map((x) => x.status)),
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.table(await embeddingBench(Number(process.argv[2] ?? 5)));
