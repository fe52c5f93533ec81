import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpressHost } from './harness/listener.js';
import { waitFor } from './harness/processes.js';
import { namespace, repoRoot, startWorld, type World } from './harness/world.js';

// An existing Express service hosting the middleware (examples/express-app) with a cluster target: it gets
// the same background work as `serve` from the assembly — leader election on a Lease, the status writer
// and the periodic reconcile — against real MLflow and the real API server. The test plays KServe's
// controller: it writes each InferenceService's status subresource.
let world: World;
const isvcPath = (name: string) => `/apis/serving.kserve.io/v1beta1/namespaces/${namespace}/inferenceservices/${name}`;
const leasePath = `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases/mlflow-kserve`;
type Tags = Record<string, string>;
const asTags = (tags: { key: string; value: string }[] | undefined): Tags => Object.fromEntries((tags ?? []).map((t) => [t.key, t.value]));
const versionTags = async (model: string, version: string): Promise<Tags> =>
  asTags(
    (
      await world.mlflow.api<{ model_version: { tags?: { key: string; value: string }[] } }>(
        'GET',
        `model-versions/get?name=${model}&version=${version}`,
      )
    ).model_version.tags,
  );
const modelTags = async (model: string): Promise<Tags> =>
  asTags(
    (
      await world.mlflow.api<{ registered_model: { tags?: { key: string; value: string }[] } }>(
        'GET',
        `registered-models/get?name=${model}`,
      )
    ).registered_model.tags,
  );
const ours = (tags: Tags): Tags =>
  Object.fromEntries(Object.entries(tags).filter(([k, v]) => k.startsWith('kserve.') || v.includes('mlflow-')));
/** Plays KServe's controller: writes the InferenceService's status subresource. */
const setStatus = async (name: string, status: Record<string, unknown>) => {
  const answer = await world.kube.request('PATCH', `${isvcPath(name)}/status`, JSON.stringify({ status }), 'application/merge-patch+json');
  expect(answer.status, answer.text).toBe(200);
};
const ready = (url: string) => ({ url, conditions: [{ type: 'Ready', status: 'True' }] });

beforeAll(async () => {
  world = await startWorld(
    {
      MLFLOW_KSERVE_POD_NAME: 'express-host',
      MLFLOW_KSERVE_DEPLOY_ALIASES: 'champion',
      MLFLOW_KSERVE_STATUS_RESYNC_SECONDS: '10',
      MLFLOW_KSERVE_RECONCILE_INTERVAL_SECONDS: '3',
    },
    undefined,
    (dir, settings) => startExpressHost(repoRoot, dir, settings),
  );
  await waitFor(
    'the Express host to lead',
    async () =>
      (JSON.parse((await world.kube.request('GET', leasePath)).text) as { spec?: { holderIdentity?: string } }).spec?.holderIdentity ===
      'express-host',
    { timeoutMs: 30_000 },
  );
}, 240_000);

afterAll(async () => {
  await world?.stop();
});

describe('an Express host with a cluster target (real MLflow, real API server)', () => {
  it('alias moved 1 → 2, then deleted → status on the registered model under kserve.champion.*, never on the versions', async () => {
    await world.model('alias-status');
    const v1 = await world.version('alias-status');
    const v2 = await world.version('alias-status');
    await world.setAlias('alias-status', 'champion', v1);
    await world.present('mlflow-alias-status-champion');
    await setStatus('mlflow-alias-status-champion', ready('http://champion.example.com'));
    await waitFor('champion Ready on the model', async () => (await modelTags('alias-status'))['kserve.champion.status'] === 'Ready', {
      timeoutMs: 30_000,
    });
    expect(ours(await modelTags('alias-status'))).toMatchObject({
      'kserve.champion.url': 'http://champion.example.com',
      'kserve.champion.inference_service': `${namespace}/mlflow-alias-status-champion`,
      'kserve.champion.version': v1,
    });

    await world.setAlias('alias-status', 'champion', v2);
    await world.present('mlflow-alias-status-champion', (isvc) => isvc.metadata.annotations?.['mlflow-kserve.io/model-version'] === v2);
    await waitFor('version 2 on the model', async () => (await modelTags('alias-status'))['kserve.champion.version'] === v2, {
      timeoutMs: 30_000,
    });
    expect(ours(await versionTags('alias-status', v1))).toEqual({});
    expect(ours(await versionTags('alias-status', v2))).toEqual({});

    await world.deleteAlias('alias-status', 'champion');
    await world.absent('mlflow-alias-status-champion');
    await waitFor('champion Removed', async () => (await modelTags('alias-status'))['kserve.champion.status'] === 'Removed', {
      timeoutMs: 30_000,
    });
    expect(Object.keys(ours(await modelTags('alias-status'))).sort()).toEqual(['kserve.champion.status', 'kserve.champion.updated_at']);
  });

  it('a version with its own service and the alias → each status in its own place, and resyncs write nothing more', async () => {
    await world.model('both-status');
    const v = await world.version('both-status', { deploy: 'true' });
    await world.setAlias('both-status', 'champion', v);
    await world.present(`mlflow-both-status-v${v}`);
    await world.present('mlflow-both-status-champion');
    await setStatus(`mlflow-both-status-v${v}`, ready('http://version.example.com'));
    await setStatus('mlflow-both-status-champion', ready('http://champion.example.com'));
    await waitFor(
      'both Ready',
      async () =>
        (await versionTags('both-status', v))['kserve.status'] === 'Ready' &&
        (await modelTags('both-status'))['kserve.champion.status'] === 'Ready',
      { timeoutMs: 30_000 },
    );
    const before = { version: await versionTags('both-status', v), model: await modelTags('both-status') };
    expect(before.version['kserve.inference_service']).toBe(`${namespace}/mlflow-both-status-v${v}`);
    expect(before.version['kserve.url']).toBe('http://version.example.com');
    expect(before.model['kserve.champion.inference_service']).toBe(`${namespace}/mlflow-both-status-champion`);
    // Two resyncs (every 10 s) and several reconciles (every 3 s) later, nothing was written again.
    await new Promise((r) => setTimeout(r, 21_000));
    expect(await versionTags('both-status', v)).toEqual(before.version);
    expect(await modelTags('both-status')).toEqual(before.model);
    // What a resync compares with: one search of the real MLflow returns exactly these tags.
    const { createRuntime, loadConfig } = await import('@mlflow-kserve/core');
    const { InMemoryKube } = await import('@mlflow-kserve/core/testing');
    const { readStatusSnapshot } = await import('@mlflow-kserve/core/operations');
    const { createMlflowClient } = await import('@mlflow-kserve/core/mlflow');
    const config = loadConfig(world.settings);
    const rt = createRuntime({ config, kube: new InMemoryKube(), mlflow: createMlflowClient(config) });
    const snapshot = await readStatusSnapshot(rt);
    expect(snapshot.versions.get(`both-status/${v}`)).toEqual(before.version);
    expect(snapshot.models.get('both-status')).toEqual(before.model);
    expect([...snapshot.versions.values()].every((tags) => tags['kserve.status'] !== undefined)).toBe(true);
  });

  it('someone deletes a managed InferenceService (drift, no MLflow event) → the periodic reconcile brings it back', async () => {
    await world.model('drift-express');
    const v = await world.version('drift-express', { deploy: 'true' });
    const first = await world.present(`mlflow-drift-express-v${v}`);
    const removed = await world.kube.request('DELETE', isvcPath(`mlflow-drift-express-v${v}`));
    expect(removed.status, removed.text).toBe(200);
    const back = await world.present(`mlflow-drift-express-v${v}`, (isvc) => isvc.metadata['uid'] !== first.metadata['uid']);
    expect(back.metadata.annotations?.['mlflow-kserve.io/model-version']).toBe(v);
  });
});
