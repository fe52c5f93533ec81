import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { InferenceServiceManifest } from '@mlflow-kserve/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playKServe, revisionOf } from './harness/kserve-controller.js';
import { type Listener, startListener } from './harness/listener.js';
import { waitFor } from './harness/processes.js';
import { type PrometheusServer, startPrometheus } from './harness/prometheus-server.js';
import { RevisionMetrics } from './harness/revision-metrics.js';
import { namespace, repoRoot, startWorld, type World } from './harness/world.js';

// Progressive delivery against real MLflow, the real API server and a real Prometheus. No KServe runs here:
// the test plays KServe's controller (playKServe writes each InferenceService's status: the new revision
// observed and ready) and Knative's queue-proxy (RevisionMetrics serves per-revision request counters and
// latency histograms, which Prometheus scrapes every second).
let world: World;
let prometheus: PrometheusServer;
let second: Listener | undefined;
const metrics = new RevisionMetrics();
let kserve: { stop(): void };
const leasePath = `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases/mlflow-kserve`;
const holder = async () =>
  (JSON.parse((await world.kube.request('GET', leasePath)).text) as { spec?: { holderIdentity?: string } }).spec?.holderIdentity;
const predictorOf = (isvc: InferenceServiceManifest) =>
  (isvc.spec as { predictor: { canaryTrafficPercent?: number; model: { storageUri: string } } }).predictor;
const rolloutOf = (isvc: InferenceServiceManifest, field: string) => isvc.metadata.annotations?.[`mlflow-kserve.io/rollout-${field}`];
const modelTags = (model: string) => world.modelTags(model);
const aliasVersion = async (model: string) =>
  (await world.mlflow.api<{ model_version: { version: string } }>('GET', `registered-models/alias?name=${model}&alias=champion`))
    .model_version.version;

/** A model with versions 1 and 2, `@champion` on 1 and served; each revision answering as told. */
async function modelWithChampion(model: string, v2: { errorShare: number; latencyMs: number }) {
  await world.model(model);
  const v1 = await world.version(model, {}, `s3://e2e-bucket/${model}/1`);
  const v2v = await world.version(model, {}, `s3://e2e-bucket/${model}/2`);
  const isvc = `mlflow-${model}-champion`;
  metrics.revision(revisionOf(isvc, v1), { namespace, errorShare: 0, latencyMs: 40 });
  metrics.revision(revisionOf(isvc, v2v), { namespace, ...v2 });
  await world.setAlias(model, 'champion', v1);
  await world.present(isvc, (i) => predictorOf(i).model.storageUri.endsWith(`/${model}/1/`));
  return { isvc, v1, v2: v2v };
}

beforeAll(async () => {
  const target = await metrics.start();
  const dir = mkdtempSync(join(process.env['TMPDIR'] ?? '/tmp', 'mlflow-kserve-prometheus-'));
  prometheus = await startPrometheus(dir, [target]);
  world = await startWorld({
    MLFLOW_KSERVE_POD_NAME: 'listener-a',
    MLFLOW_KSERVE_DEPLOY_ALIASES: 'champion',
    MLFLOW_KSERVE_CANARY_STEPS: '20,60',
    MLFLOW_KSERVE_CANARY_STEP_SECONDS: '10',
    MLFLOW_KSERVE_CANARY_PROGRESS_DEADLINE_SECONDS: '60',
    MLFLOW_KSERVE_CANARY_PROMETHEUS_URL: prometheus.url,
    MLFLOW_KSERVE_ROLLBACK_MOVES_ALIAS: 'true',
    MLFLOW_KSERVE_STATUS_RESYNC_SECONDS: '10',
  });
  kserve = playKServe(world.kube, namespace);
  await waitFor('listener-a to lead', async () => (await holder()) === 'listener-a', { timeoutMs: 30_000 });
}, 240_000);

afterAll(async () => {
  kserve?.stop();
  await second?.stop();
  await world?.stop();
  await prometheus?.stop();
  await metrics.stop();
});

describe('progressive delivery of alias moves (real MLflow, API server and Prometheus)', () => {
  it('a healthy canary → 20 %, 60 %, promoted on its own; MLflow says Progressing, then Promoted', async () => {
    const { isvc, v2 } = await modelWithChampion('ro-good', { errorShare: 0, latencyMs: 40 });
    await world.setAlias('ro-good', 'champion', v2);
    const started = await world.present(isvc, (i) => predictorOf(i).canaryTrafficPercent === 20);
    expect(predictorOf(started).model.storageUri).toMatch(/\/ro-good\/2\/$/);
    await waitFor('Progressing in MLflow', async () => (await modelTags('ro-good'))['kserve.champion.rollout']?.startsWith('Progressing'), {
      timeoutMs: 30_000,
    });
    await world.present(isvc, (i) => predictorOf(i).canaryTrafficPercent === 60);
    const promoted = await world.present(isvc, (i) => rolloutOf(i, 'phase') === 'Promoted');
    expect(predictorOf(promoted).canaryTrafficPercent).toBeUndefined();
    expect(predictorOf(promoted).model.storageUri).toMatch(/\/ro-good\/2\/$/);
    await waitFor('Promoted in MLflow', async () => (await modelTags('ro-good'))['kserve.champion.rollout'] === 'Promoted', {
      timeoutMs: 30_000,
    });
  }, 120_000);

  it('a canary answering 5xx → rolled back to version 1 at once; MLflow says RolledBack and why; the alias moved back', async () => {
    const { isvc, v1, v2 } = await modelWithChampion('ro-bad', { errorShare: 0.5, latencyMs: 40 });
    await world.setAlias('ro-bad', 'champion', v2);
    await world.present(isvc, (i) => predictorOf(i).canaryTrafficPercent === 20);
    const back = await world.present(isvc, (i) => rolloutOf(i, 'phase') === 'RolledBack');
    expect(predictorOf(back).canaryTrafficPercent).toBeUndefined();
    expect(predictorOf(back).model.storageUri).toMatch(/\/ro-bad\/1\/$/);
    expect(rolloutOf(back, 'failed-version')).toBe(v2);
    expect(rolloutOf(back, 'reason')).toMatch(/request-success-rate \d+(\.\d+)? < min 99/);
    const tags = await waitFor(
      'RolledBack in MLflow',
      async () => {
        const t = await modelTags('ro-bad');
        return t['kserve.champion.status'] === 'RolledBack' ? t : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(tags['kserve.champion.message']).toContain('request-success-rate');
    expect(tags['kserve.champion.rollout']).toMatch(/^RolledBack: analysis failed 2 time/);
    await waitFor('the alias moved back in MLflow', async () => (await aliasVersion('ro-bad')) === v1, { timeoutMs: 30_000 });
    // It stays on version 1: the alias event the move sends back changes nothing.
    await new Promise((r) => setTimeout(r, 3000));
    expect(predictorOf((await world.getIsvc(isvc))!).model.storageUri).toMatch(/\/ro-bad\/1\/$/);
  }, 120_000);

  it('a person moves the alias back mid-rollout → all traffic back to version 1 at once', async () => {
    const { isvc, v1, v2 } = await modelWithChampion('ro-back', { errorShare: 0, latencyMs: 40 });
    await world.setAlias('ro-back', 'champion', v2);
    await world.present(isvc, (i) => predictorOf(i).canaryTrafficPercent === 20);
    const moved = Date.now();
    await world.setAlias('ro-back', 'champion', v1);
    const back = await world.present(
      isvc,
      (i) => predictorOf(i).model.storageUri.endsWith('/ro-back/1/') && predictorOf(i).canaryTrafficPercent === undefined,
    );
    expect(Date.now() - moved).toBeLessThan(10_000);
    expect(rolloutOf(back, 'phase')).toBe('RolledBack');
  }, 60_000);

  it('the leader is killed mid-rollout (SIGKILL) → the other replica takes the Lease and finishes the rollout', async () => {
    second = await startListener(repoRoot, mkdtempSync(join(world.dir, 'listener-b-')), {
      ...world.settings,
      MLFLOW_KSERVE_POD_NAME: 'listener-b',
    });
    const { isvc, v2 } = await modelWithChampion('ro-failover', { errorShare: 0, latencyMs: 40 });
    await world.setAlias('ro-failover', 'champion', v2);
    await world.present(isvc, (i) => predictorOf(i).canaryTrafficPercent === 20);
    world.listener.kill();
    await waitFor('listener-b to lead', async () => (await holder()) === 'listener-b', { timeoutMs: 60_000 });
    const promoted = await world.present(isvc, (i) => rolloutOf(i, 'phase') === 'Promoted');
    expect(predictorOf(promoted).canaryTrafficPercent).toBeUndefined();
  }, 150_000);
});
