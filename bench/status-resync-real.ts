// One status resync of an unchanged cluster against the real MLflow of the e2e tier (3.17, SQLite, one worker):
// `versions` versions tagged deploy=true in 10 models, each converged into the in-memory Kubernetes port through the
// real REST client, the status written once; then the measured resync, counting MLflow requests by path.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { converge, createRuntime, versionKey } from '@mlflow-kserve/core';
import { type HttpFetch, httpFetch, RestMlflowClient } from '@mlflow-kserve/core/mlflow';
import { syncStatus } from '@mlflow-kserve/core/operations';
import { InMemoryKube, testDeps } from '@mlflow-kserve/core/testing';
import { startMlflowServer } from '../e2e/harness/mlflow-server.js';
import type { StatusResyncResult } from './status-resync.js';

/** What a resync against the real MLflow cost, and the MLflow version it ran against. */
export interface RealStatusResyncResult extends StatusResyncResult {
  mlflowVersion: string;
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

export async function realStatusResyncBench(versions: number): Promise<RealStatusResyncResult> {
  const mlflow = await startMlflowServer(mkdtempSync(join(tmpdir(), 'bench-resync-mlflow-')));
  try {
    const models = Array.from({ length: 10 }, (_, m) => `resync-model-${m}`);
    for (const name of models) await mlflow.api('POST', 'registered-models/create', { name });
    const keys: { model: string; version: string }[] = [];
    // One at a time: MLflow numbers versions per model in creation order.
    for (const model of models) {
      for (let v = 1; v <= versions / models.length; v += 1) {
        await mlflow.api('POST', 'model-versions/create', {
          name: model,
          source: `s3://bench/${model}/${v}`,
          tags: [{ key: 'deploy', value: 'true' }],
        });
        keys.push({ model, version: String(v) });
      }
    }
    const requests: Record<string, number> = {};
    let counting = false;
    const counted: HttpFetch = (url, init) => {
      if (counting) {
        const path = url.pathname.replace('/api/2.0/mlflow/', '');
        requests[path] = (requests[path] ?? 0) + 1;
      }
      return httpFetch(url, init);
    };
    const deps = testDeps();
    // The versions' sources are s3:// paths with nothing behind them (this measures the status resync, not deploys):
    // no MLmodel to read, so the preflight is off for the converges that set the services up.
    const config = { ...deps.config, mlflow_tracking_uri: mlflow.url, preflight: 'off' as const };
    const kube = new InMemoryKube();
    const rt = createRuntime({ config, kube, mlflow: new RestMlflowClient({ trackingUri: mlflow.url, fetch: counted }) });
    await inBatches(keys, 8, (k) => converge(rt, versionKey(k.model, k.version)));
    const first = await syncStatus(rt);
    if (first.written === 0) throw new Error('the first resync wrote no status: the measured one would not be a resync of written status');
    counting = true;
    const started = performance.now();
    const report = await syncStatus(rt);
    const resyncMs = performance.now() - started;
    return { services: report.services, resyncMs, requests, written: report.written, mlflowVersion: mlflow.version };
  } finally {
    await mlflow.stop();
  }
}

if (process.argv[1]?.endsWith('status-resync-real.ts')) console.log(await realStatusResyncBench(Number(process.argv[2] ?? 1000)));
