import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinChecks, createTaskQueue, PrometheusQueryClient, runChecks } from '@mlflow-kserve/core/operations';
import { startPrometheus } from '../e2e/harness/prometheus-server.js';
import { RevisionMetrics } from '../e2e/harness/revision-metrics.js';

/** What the rollout analysis costs against a real Prometheus. */
export interface RolloutAnalysisResult {
  rollouts: number;
  /** Queries one analysis makes (one per check). */
  queriesPerAnalysis: number;
  /** One analysis (both built-in checks, in parallel), median and p99 over repeated runs. */
  oneAnalysisMs: { p50: number; p99: number };
  /** Every rollout analysed once through the background queue (its rate limit and concurrency). */
  allThroughQueueMs: number;
  /** The same without the queue's rate limit: what Prometheus itself takes. */
  allUnlimitedMs: number;
  queueRatePerSecond: number;
  queueConcurrency: number;
  failedChecks: number;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))]!;

/**
 * `rollouts` canaries analysed at once against a real Prometheus (the e2e tier's build) scraping Knative's
 * per-revision series for each of them (served by the e2e harness' stand-in queue-proxy, every second):
 * one analysis on its own, then all of them through a work queue with the background queue's settings
 * (`reconcile_concurrency` 4, 20 tasks per second), then all of them unthrottled.
 */
export async function rolloutAnalysisBench(rollouts: number): Promise<RolloutAnalysisResult> {
  const metrics = new RevisionMetrics();
  const names = Array.from({ length: rollouts }, (_, i) => `mlflow-model-${i}-champion-predictor-00002`);
  for (const name of names) metrics.revision(name, { namespace: 'models', errorShare: 0, latencyMs: 40 });
  const target = await metrics.start();
  const prometheus = await startPrometheus(mkdtempSync(join(tmpdir(), 'mlflow-kserve-bench-prometheus-')), [target]);
  try {
    // Two windows of samples, so every rate() over [10s] has data.
    await new Promise((r) => setTimeout(r, 21_000));
    const client = new PrometheusQueryClient(prometheus.url);
    const analyse = (revision: string) =>
      runChecks(
        client,
        builtinChecks,
        { namespace: 'models', name: revision.replace(/-predictor-\d+$/, ''), revision, interval: '10s' },
        'fail',
      );
    const single: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const started = performance.now();
      await analyse(names[i % names.length]!);
      single.push(performance.now() - started);
    }
    let failed = 0;
    const queue = createTaskQueue({ concurrency: 4, ratePerSecond: 20 });
    const queued = performance.now();
    await Promise.all(
      names.map((revision) =>
        queue.run({
          id: revision,
          run: async () => {
            failed += (await analyse(revision)).filter((c) => !c.ok).length;
          },
        }),
      ),
    );
    const allThroughQueueMs = performance.now() - queued;
    queue.stop();
    const unlimited = performance.now();
    const results = await Promise.all(names.map((revision) => analyse(revision)));
    const allUnlimitedMs = performance.now() - unlimited;
    failed += results.flat().filter((c) => !c.ok).length;
    return {
      rollouts,
      queriesPerAnalysis: builtinChecks.length,
      oneAnalysisMs: { p50: percentile(single, 0.5), p99: percentile(single, 0.99) },
      allThroughQueueMs,
      allUnlimitedMs,
      queueRatePerSecond: 20,
      queueConcurrency: 4,
      failedChecks: failed,
    };
  } finally {
    await prometheus.stop();
    await metrics.stop();
  }
}
