import { describe, expect, it } from 'vitest';
import { aliasKey } from '../keys/deployment-key.js';
import type { MetricsQueryPort } from '../ports/metrics-query-port.js';
import { createRuntime } from '../runtime/runtime.js';
import { writeStatus } from '../status/write-status.js';
import { testDeps } from '../testing/test-deps.js';
import { converge } from './converge.js';
import { rollback } from './rollback.js';

// The rollout loop end to end on in-memory ports: the test plays KServe (the revision status) and
// Prometheus (the checks' answers) and moves the clock.
const name = 'kserve-mlflow-models/mlflow-fraud-champion';
const key = aliasKey('fraud', 'champion');

function world(settings: Record<string, unknown> = {}) {
  const deps = testDeps({
    deploy_aliases: 'champion',
    canary_steps: '10,50',
    canary_step_seconds: 60,
    status_writeback: true,
    ...settings,
  });
  deps.mlflow.addVersion({ name: 'fraud', version: '1', source: 's3://b/fraud/1' });
  deps.mlflow.addVersion({ name: 'fraud', version: '2', source: 's3://b/fraud/2' });
  deps.mlflow.setAlias('fraud', 'champion', '1');
  let now = Date.parse('2026-12-03T10:00:00Z') / 1000;
  const answers = { successRate: 100 as number | undefined, p99: 120 as number | undefined };
  const queries: string[] = [];
  const metricsSource: MetricsQueryPort = {
    query: async (promql) => {
      queries.push(promql);
      return promql.startsWith('histogram_quantile') ? answers.p99 : answers.successRate;
    },
  };
  const rt = createRuntime({ ...deps, nowSeconds: () => now, metricsSource });
  const live = () => deps.kube.objects.get(name)!;
  const predictor = () => (live().spec as { predictor: { canaryTrafficPercent?: number; model: { storageUri: string } } }).predictor;
  const annotation = (suffix: string) => live().metadata.annotations?.[`mlflow-kserve.io/rollout-${suffix}`];
  /** KServe made the latest revision ready. */
  const revisionReady = (revision: string) =>
    deps.kube.setStatus('kserve-mlflow-models', 'mlflow-fraud-champion', {
      conditions: [{ type: 'Ready', status: 'True' }],
      components: { predictor: { latestCreatedRevision: revision, latestReadyRevision: revision } },
    });
  return {
    ...deps,
    rt,
    answers,
    queries,
    live,
    predictor,
    annotation,
    revisionReady,
    tick: (seconds: number) => {
      now += seconds;
    },
    analyse: () => converge(rt, key, { analyze: true }),
  };
}

describe('rollout through converge', () => {
  it('alias moved 1 → 2, healthy canary → 10 %, 50 %, promoted; MLflow says Progressing, then Promoted', async () => {
    const w = world();
    await converge(w.rt, key);
    expect(w.predictor().canaryTrafficPercent).toBeUndefined();

    w.mlflow.setAlias('fraud', 'champion', '2');
    const started = await converge(w.rt, key); // the webhook: starts the rollout, analyses nothing
    expect(started.rollout).toMatchObject({ phase: 'Progressing', percent: 10, outcome: 'started' });
    expect(w.predictor()).toMatchObject({ canaryTrafficPercent: 10, model: { storageUri: 's3://b/fraud/2/' } });
    expect(w.annotation('from')).toBe('1');
    await writeStatus(w.rt, { key, object: w.live() });
    expect(w.mlflow.modelTags.get('fraud')?.['kserve.champion.rollout']).toBe('Progressing 10%');

    expect((await w.analyse()).requeueAfterMs).toBe(5_000); // KServe has not made the revision ready yet
    w.revisionReady('mlflow-fraud-champion-predictor-00002');
    expect((await w.analyse()).requeueAfterMs).toBe(60_000);
    w.tick(60);
    expect((await w.analyse()).rollout).toMatchObject({ percent: 50, outcome: 'advanced' });
    expect(w.queries.join('\n')).toContain('revision_name="mlflow-fraud-champion-predictor-00002"');
    expect(w.queries.join('\n')).toContain('[60s]');
    w.tick(60);
    const promoted = await w.analyse();
    expect(promoted.rollout).toMatchObject({ phase: 'Promoted', percent: undefined, outcome: 'promoted' });
    expect(promoted.requeueAfterMs).toBeUndefined();
    expect(w.predictor()).not.toHaveProperty('canaryTrafficPercent');
    await writeStatus(w.rt, { key, object: w.live() });
    expect(w.mlflow.modelTags.get('fraud')?.['kserve.champion.rollout']).toBe('Promoted');
  });

  it('error rate above the threshold twice → rolled back at once to version 1; MLflow says RolledBack and why; the alias moved back', async () => {
    const w = world({ rollback_moves_alias: true });
    await converge(w.rt, key);
    w.mlflow.setAlias('fraud', 'champion', '2');
    await converge(w.rt, key);
    w.revisionReady('rev-2');
    w.answers.successRate = 80;
    w.tick(60);
    expect((await w.analyse()).rollout).toMatchObject({ phase: 'Progressing', outcome: 'analysed' });
    expect(w.annotation('failed-checks')).toBe('1');
    w.tick(60);
    const rolledBack = await w.analyse();
    expect(rolledBack.rollout).toMatchObject({ phase: 'RolledBack', percent: undefined });
    expect(w.predictor()).toMatchObject({ model: { storageUri: 's3://b/fraud/1/' } });
    expect(w.predictor()).not.toHaveProperty('canaryTrafficPercent');
    expect(w.annotation('failed-version')).toBe('2');
    expect((await w.mlflow.getModelVersionByAlias('fraud', 'champion'))?.version).toBe('1');
    await writeStatus(w.rt, { key, object: w.live() });
    const tags = w.mlflow.modelTags.get('fraud')!;
    expect(tags['kserve.champion.status']).toBe('RolledBack');
    expect(tags['kserve.champion.message']).toContain('request-success-rate 80 < min 99');
    expect(tags['kserve.champion.rollout']).toMatch(/^RolledBack: analysis failed 2 time/);
    // Steady afterwards: the alias is on version 1 again, nothing more to write.
    expect((await w.analyse()).action).toBe('unchanged');
  });

  it('rolled back without moving the alias → the failed version is not tried again while the alias points to it', async () => {
    const w = world();
    await converge(w.rt, key);
    w.mlflow.setAlias('fraud', 'champion', '2');
    await converge(w.rt, key);
    expect((await rollback(w.rt, 'fraud', 'champion')).rollout).toMatchObject({ phase: 'RolledBack' });
    expect(w.predictor().model.storageUri).toBe('s3://b/fraud/1/');
    expect((await converge(w.rt, key)).action).toBe('unchanged');
    expect((await w.analyse()).action).toBe('unchanged');
    expect((await w.mlflow.getModelVersionByAlias('fraud', 'champion'))?.version).toBe('2');
  });

  it('a person moves the alias back mid-rollout → all traffic back to version 1 at once (the webhook, no analysis)', async () => {
    const w = world();
    await converge(w.rt, key);
    w.mlflow.setAlias('fraud', 'champion', '2');
    await converge(w.rt, key);
    w.mlflow.setAlias('fraud', 'champion', '1');
    const back = await converge(w.rt, key);
    expect(back.rollout).toMatchObject({ phase: 'RolledBack', outcome: 'reverted' });
    expect(w.predictor()).toMatchObject({ model: { storageUri: 's3://b/fraud/1/' } });
    expect(w.predictor()).not.toHaveProperty('canaryTrafficPercent');
  });

  it('a rollback to version 1 after a promotion (alias moved back) → at once, never a canary of the old version', async () => {
    const w = world({ canary_steps: undefined, canary_traffic_percent: 10 });
    await converge(w.rt, key);
    w.mlflow.setAlias('fraud', 'champion', '2');
    await converge(w.rt, key);
    expect(w.predictor().canaryTrafficPercent).toBe(10);
    await converge(w.rt, key, { command: 'promote' });
    w.mlflow.setAlias('fraud', 'champion', '1');
    await converge(w.rt, key);
    expect(w.predictor()).toMatchObject({ model: { storageUri: 's3://b/fraud/1/' } });
    expect(w.predictor()).not.toHaveProperty('canaryTrafficPercent');
  });

  it('KServe runs the service in Standard mode (no canaryTrafficPercent) → the move switches at once', async () => {
    const w = world();
    await converge(w.rt, key);
    w.kube.setStatus('kserve-mlflow-models', 'mlflow-fraud-champion', { deploymentMode: 'Standard' });
    w.mlflow.setAlias('fraud', 'champion', '2');
    await converge(w.rt, key);
    expect(w.predictor()).toMatchObject({ model: { storageUri: 's3://b/fraud/2/' } });
    expect(w.predictor()).not.toHaveProperty('canaryTrafficPercent');
  });
});
