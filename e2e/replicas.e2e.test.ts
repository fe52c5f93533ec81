import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Listener, startListener } from './harness/listener.js';
import { waitFor } from './harness/processes.js';
import { SlowProxy } from './harness/slow-proxy.js';
import { namespace, repoRoot, startWorld, type World } from './harness/world.js';

let world: World;
let second: Listener | undefined;
let slow: SlowProxy;
const isvcPath = (name: string) => `/apis/serving.kserve.io/v1beta1/namespaces/${namespace}/inferenceservices/${name}`;
const leasePath = `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases/mlflow-kserve`;
const tagsOf = (model: string, version: string) => world.versionTags(model, version);
/** Plays KServe's controller: writes the InferenceService's status subresource. */
const setStatus = async (name: string, status: Record<string, unknown>) => {
  const answer = await world.kube.request('PATCH', `${isvcPath(name)}/status`, JSON.stringify({ status }), 'application/merge-patch+json');
  expect(answer.status, answer.text).toBe(200);
};
const holder = async () =>
  (JSON.parse((await world.kube.request('GET', leasePath)).text) as { spec?: { holderIdentity?: string } }).spec?.holderIdentity;

beforeAll(async () => {
  world = await startWorld({
    MLFLOW_KSERVE_POD_NAME: 'listener-a',
    MLFLOW_KSERVE_STATUS_RESYNC_SECONDS: '10',
    MLFLOW_KSERVE_RECONCILE_ON_STARTUP: 'true',
  });
  slow = new SlowProxy(world.mlflow.url);
  await slow.start();
});

afterAll(async () => {
  await second?.stop();
  await slow?.stop();
  await world?.stop();
});

describe('status in MLflow, and several replicas (real MLflow, real API server)', () => {
  it('KServe reports Ready with a URL, then a load failure, then the tag is set false → kserve.* tags on the version follow: Pending, Ready, Failed, Removed', async () => {
    await world.model('status-e2e');
    const v = await world.version('status-e2e');
    await world.setTag('status-e2e', v, 'deploy', 'true');
    await world.present('mlflow-status-e2e-v1');
    await waitFor('the listener to lead', async () => (await holder()) === 'listener-a', { timeoutMs: 30_000 });
    await waitFor('Pending in MLflow', async () => (await tagsOf('status-e2e', v))['kserve.status'] === 'Pending', { timeoutMs: 30_000 });
    expect((await tagsOf('status-e2e', v))['kserve.inference_service']).toBe(`${namespace}/mlflow-status-e2e-v1`);

    await setStatus('mlflow-status-e2e-v1', {
      url: 'http://status-e2e.models.example.com',
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    await waitFor('Ready in MLflow', async () => (await tagsOf('status-e2e', v))['kserve.status'] === 'Ready', { timeoutMs: 30_000 });
    expect((await tagsOf('status-e2e', v))['kserve.url']).toBe('http://status-e2e.models.example.com');

    await setStatus('mlflow-status-e2e-v1', {
      url: null,
      conditions: [{ type: 'Ready', status: 'False', reason: 'PredictorNotReady' }],
      modelStatus: {
        transitionStatus: 'BlockedByFailedLoad',
        lastFailureInfo: { reason: 'ModelLoadFailed', message: 'MLmodel not found' },
      },
    });
    await waitFor('Failed in MLflow', async () => (await tagsOf('status-e2e', v))['kserve.status'] === 'Failed', { timeoutMs: 30_000 });
    const failed = await tagsOf('status-e2e', v);
    expect(failed['kserve.message']).toContain('MLmodel not found');
    expect(failed).not.toHaveProperty('kserve.url');

    await world.setTag('status-e2e', v, 'deploy', 'false');
    await world.absent('mlflow-status-e2e-v1');
    await waitFor('Removed in MLflow', async () => (await tagsOf('status-e2e', v))['kserve.status'] === 'Removed', { timeoutMs: 30_000 });

    // What Prometheus sees of all that.
    expect((await fetch(`${world.listener.url}/readyz`)).status).toBe(200);
    const text = await (await fetch(`${world.listener.url}/metrics`)).text();
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
    expect(value('mlflow_kserve_leader_election_is_leader')).toBe(1);
    expect(value('mlflow_kserve_reconcile_runs_total{outcome="success"}')).toBe(1); // the startup reconcile
    expect(value('mlflow_kserve_reconcile_last_success_timestamp_seconds')).toBeGreaterThan(0);
    expect(value('mlflow_kserve_status_writes_total{outcome="success"}')).toBeGreaterThanOrEqual(4); // Pending, Ready, Failed, Removed
    expect(value('mlflow_kserve_status_writeback_lag_seconds_count')).toBeGreaterThanOrEqual(4);
    expect(value('mlflow_kserve_dependency_up{dependency="mlflow"}')).toBe(1);
    expect(value('mlflow_kserve_dependency_up{dependency="kubernetes"}')).toBe(1);
    expect(value('mlflow_kserve_webhook_responses_total{code="200"}')).toBeGreaterThanOrEqual(2);
    expect(value('mlflow_kserve_inference_service_operations_total{operation="delete",status="success"}')).toBeGreaterThanOrEqual(1);
  });

  it('two listeners, deliveries spread over both, one reading MLflow slowly: 30 rapid flips → the cluster equals MLflow’s final state, without a reconcile', async () => {
    slow.delay((path) => path.includes('model-versions/get'), 1500, 1000);
    second = await startListener(repoRoot, mkdtempSync(join(world.dir, 'listener-b-')), {
      ...world.settings,
      MLFLOW_KSERVE_POD_NAME: 'listener-b',
      MLFLOW_KSERVE_MLFLOW_TRACKING_URI: slow.url,
    });
    let turn = 0;
    world.proxy.route(() => (turn++ % 2 === 0 ? world.listener.url : second!.url));
    await world.model('race-e2e');
    const v = await world.version('race-e2e');
    let last = 'false';
    for (let i = 0; i < 30; i += 1) {
      last = i % 2 === 0 ? 'true' : 'false';
      await world.setTag('race-e2e', v, 'deploy', last);
    }
    if (last !== 'true') await world.setTag('race-e2e', v, 'deploy', (last = 'true'));
    await world.proxy.settle(4000, 120_000);
    const started = Date.now();
    await world.present('mlflow-race-e2e-v1');
    // It stays there: no delayed, stale write undoes it afterwards.
    await new Promise((r) => setTimeout(r, 4000));
    expect(await world.getIsvc('mlflow-race-e2e-v1')).not.toBeNull();
    console.log(`e2e: converged ${Date.now() - started} ms after the deliveries settled`);

    // And the other way round.
    await world.setTag('race-e2e', v, 'deploy', 'false');
    await world.setTag('race-e2e', v, 'deploy', 'true');
    await world.setTag('race-e2e', v, 'deploy', 'false');
    await world.proxy.settle(4000, 60_000);
    await world.absent('mlflow-race-e2e-v1');
    await new Promise((r) => setTimeout(r, 4000));
    expect(await world.getIsvc('mlflow-race-e2e-v1')).toBeNull();
  });

  it('the leader dies (SIGKILL, no release) → the other listener takes the Lease within about 20 s, and status writes continue', async () => {
    world.proxy.route(() => second!.url);
    await world.model('failover-e2e');
    const v = await world.version('failover-e2e');
    await world.setTag('failover-e2e', v, 'deploy', 'true');
    await world.present('mlflow-failover-e2e-v1');
    expect(await holder()).toBe('listener-a');
    const stoppedAt = Date.now();
    world.listener.kill();
    await waitFor('listener-b to hold the Lease', async () => (await holder()) === 'listener-b', { timeoutMs: 30_000 });
    console.log(`e2e: failover took ${Date.now() - stoppedAt} ms`);
    expect(Date.now() - stoppedAt).toBeLessThan(25_000);
    await setStatus('mlflow-failover-e2e-v1', { url: 'http://failover.example.com', conditions: [{ type: 'Ready', status: 'True' }] });
    await waitFor('Ready written by the new leader', async () => (await tagsOf('failover-e2e', v))['kserve.status'] === 'Ready', {
      timeoutMs: 30_000,
    });
  });
});
