import type { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { startBackgroundWork } from '../assembly/start-background-work.js';
import { converge } from '../converge/converge.js';
import { versionKey } from '../keys/deployment-key.js';
import { createWebhookHandler } from '../handler/create-webhook-handler.js';
import { health } from '../handler/health.js';
import { scheduleReconcile } from '../reconcile/schedule-reconcile.js';
import { createRuntime } from '../runtime/runtime.js';
import { startStatusWriter } from '../status/start-status-writer.js';
import { InMemoryLeases } from '../testing/in-memory-leases.js';
import { signedRequest, tagEventBody } from '../testing/signed-request.js';
import { testDeps, testSecret } from '../testing/test-deps.js';
import { createPrometheusMetrics } from './create-prometheus-metrics.js';

/** The value of one series, e.g. `value(m, 'mlflow_kserve_webhook_responses_total', { code: '401' })`. */
async function value(metrics: { registry: Registry }, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const series = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l));
  return series?.value;
}

const eventually = async (check: () => Promise<boolean> | boolean, what: string) => {
  for (let i = 0; i < 300; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('createPrometheusMetrics', () => {
  it('nothing happened yet → the series alerts compare already exist at 0', async () => {
    const metrics = createPrometheusMetrics();
    expect(await value(metrics, 'mlflow_kserve_webhook_responses_total', { code: '200' })).toBe(0);
    expect(await value(metrics, 'mlflow_kserve_webhook_deliveries_rejected_total', { reason: 'signature_mismatch' })).toBe(0);
    expect(await value(metrics, 'mlflow_kserve_reconcile_runs_total', { outcome: 'error' })).toBe(0);
    expect(await value(metrics, 'mlflow_kserve_status_writes_total', { outcome: 'error' })).toBe(0);
    expect(await value(metrics, 'mlflow_kserve_mlflow_api_errors_total')).toBe(0);
  });

  it('a delivery with a wrong signature and a good one → mlflow_kserve_webhook_responses_total{code="401"} 1 and {code="200"} 1', async () => {
    const metrics = createPrometheusMetrics();
    const handle = createWebhookHandler({ ...testDeps(), metrics });
    const body = tagEventBody('iris-classifier', '3', 'deploy', 'true');
    expect((await handle(signedRequest({ secret: 'not-the-secret', body }))).status).toBe(401);
    expect((await handle(signedRequest({ secret: testSecret, body }))).status).toBe(200);
    expect(await value(metrics, 'mlflow_kserve_webhook_responses_total', { code: '401' })).toBe(1);
    expect(await value(metrics, 'mlflow_kserve_webhook_responses_total', { code: '200' })).toBe(1);
    expect(await value(metrics, 'mlflow_kserve_webhook_events_total', { entity: 'model_version_tag', action: 'set' })).toBe(1);
  });

  it('a reconcile that creates two services → runs{outcome="success"} 1, changes{change="create"} 2, last success set', async () => {
    const metrics = createPrometheusMetrics();
    const deps = testDeps();
    deps.mlflow.addVersion({ name: 'a', version: '1', source: 's3://b/a/1', tags: { deploy: 'true' } });
    deps.mlflow.addVersion({ name: 'b', version: '1', source: 's3://b/b/1', tags: { deploy: 'true' } });
    const schedule = scheduleReconcile(createRuntime({ ...deps, metrics }));
    await schedule.runNow();
    schedule.stop();
    expect(await value(metrics, 'mlflow_kserve_reconcile_runs_total', { outcome: 'success' })).toBe(1);
    expect(await value(metrics, 'mlflow_kserve_reconcile_changes_total', { change: 'create' })).toBe(2);
    expect(await value(metrics, 'mlflow_kserve_reconcile_changes_total', { change: 'delete' })).toBe(0);
    expect(await value(metrics, 'mlflow_kserve_reconcile_last_success_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);
  });

  it('a reconcile while MLflow fails → runs{outcome="error"} 1 and no last success', async () => {
    const metrics = createPrometheusMetrics();
    const deps = testDeps();
    deps.mlflow.failNext('searchModelVersions', 10);
    const schedule = scheduleReconcile(createRuntime({ ...deps, metrics }));
    await schedule.runNow();
    schedule.stop();
    expect(await value(metrics, 'mlflow_kserve_reconcile_runs_total', { outcome: 'error' })).toBe(1);
    expect(await value(metrics, 'mlflow_kserve_reconcile_last_success_timestamp_seconds')).toBe(0);
  });

  it('a status change written to MLflow → mlflow_kserve_status_writes_total{outcome="success"} and one lag observation', async () => {
    const metrics = createPrometheusMetrics();
    const deps = testDeps();
    deps.mlflow.addVersion({ name: 'm', version: '1', source: 's3://b/m/1', tags: { deploy: 'true' } });
    const runtime = createRuntime({ ...deps, metrics });
    await converge(runtime, versionKey('m', '1'));
    const writer = startStatusWriter(runtime, { ratePerSecond: 1000 });
    await eventually(() => deps.mlflow.versions.get('m/1')!.tags['kserve.status'] === 'Pending', 'the status write');
    await writer.idle();
    writer.stop();
    expect(await value(metrics, 'mlflow_kserve_status_writes_total', { outcome: 'success' })).toBe(1);
    const lag = (await metrics.registry.getSingleMetric('mlflow_kserve_status_writeback_lag_seconds')!.get()).values;
    expect(lag.find((v) => (v as { metricName?: string }).metricName === 'mlflow_kserve_status_writeback_lag_seconds_count')?.value).toBe(
      1,
    );
  });

  it('background work with a Lease → mlflow_kserve_leader_election_is_leader 1 while leading, 0 after stop', async () => {
    const metrics = createPrometheusMetrics();
    const work = startBackgroundWork(createRuntime({ ...testDeps({ pod_name: 'pod-a' }), metrics }), new InMemoryLeases());
    await eventually(async () => (await value(metrics, 'mlflow_kserve_leader_election_is_leader')) === 1, 'leadership');
    await work.stop();
    expect(await value(metrics, 'mlflow_kserve_leader_election_is_leader')).toBe(0);
  });

  it('a readiness check while MLflow is down → mlflow_kserve_dependency_up{dependency="mlflow"} 0, {dependency="kubernetes"} 1', async () => {
    const metrics = createPrometheusMetrics();
    const deps = testDeps();
    deps.mlflow.ping = async () => {
      throw new Error('connection refused');
    };
    await health(createRuntime({ ...deps, metrics }));
    expect(await value(metrics, 'mlflow_kserve_dependency_up', { dependency: 'mlflow' })).toBe(0);
    expect(await value(metrics, 'mlflow_kserve_dependency_up', { dependency: 'kubernetes' })).toBe(1);
  });
});
