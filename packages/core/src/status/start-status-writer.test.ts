import { eventually, fastStatusWriter } from '../test-support/status-writer-helpers.js';
import { afterEach, describe, expect, it } from 'vitest';
import { converge } from '../converge/converge.js';
import { aliasKey, versionKey } from '../keys/deployment-key.js';
import { createRuntime } from '../runtime/runtime.js';
import { testDeps } from '../testing/test-deps.js';
import { type StatusWriter, startStatusWriter } from './start-status-writer.js';
import { syncStatus } from './sync-status.js';
import { keysOfChange } from './keys-of-change.js';

const fast = fastStatusWriter;
let writer: StatusWriter | undefined;
afterEach(() => writer?.stop());

function world() {
  const deps = testDeps({ deploy_aliases: 'champion' });
  deps.mlflow.addVersion({ name: 'fraud', version: '1', source: 's3://b/fraud/1', tags: { deploy: 'true' } });
  const rt = createRuntime(deps);
  const tags = () => deps.mlflow.versions.get('fraud/1')!.tags;
  return { ...deps, rt, tags };
}
/** The fast options, with every wait the writer asks for recorded in `waits`. */
const recordingWaits = (waits: number[]) => ({
  ...fast,
  sleep: (ms: number) => {
    waits.push(ms);
    return fast.sleep(ms);
  },
});
const readyStatus = { url: 'http://fraud.models.example.com', conditions: [{ type: 'Ready', status: 'True' }] };

describe('startStatusWriter', () => {
  it('created → Pending; KServe reports Ready → Ready with the URL; a load failure → Failed with the reason; undeployed → Removed, URL cleared', async () => {
    const { rt, kube, mlflow, tags } = world();
    await converge(rt, versionKey('fraud', '1'));
    writer = startStatusWriter(rt, fast);
    await eventually(() => tags()['kserve.status'] === 'Pending', 'Pending');
    expect(tags()['kserve.inference_service']).toBe('kserve-mlflow-models/mlflow-fraud-v1');
    expect(tags()['kserve.updated_at']).toMatch(/^\d{4}-\d\d-\d\dT/);

    kube.setStatus('kserve-mlflow-models', 'mlflow-fraud-v1', readyStatus);
    await eventually(() => tags()['kserve.status'] === 'Ready', 'Ready');
    expect(tags()['kserve.url']).toBe('http://fraud.models.example.com');

    kube.setStatus('kserve-mlflow-models', 'mlflow-fraud-v1', {
      conditions: [{ type: 'Ready', status: 'False' }],
      modelStatus: { transitionStatus: 'BlockedByFailedLoad', lastFailureInfo: { reason: 'ModelLoadFailed', message: 'no MLmodel' } },
    });
    await eventually(() => tags()['kserve.status'] === 'Failed', 'Failed');
    expect(tags()['kserve.message']).toBe('ModelLoadFailed: no MLmodel');
    expect(tags()).not.toHaveProperty('kserve.url');

    mlflow.versions.get('fraud/1')!.tags['deploy'] = 'false';
    await converge(rt, versionKey('fraud', '1'));
    await eventually(() => tags()['kserve.status'] === 'Removed', 'Removed');
    expect(tags()).not.toHaveProperty('kserve.url');
    expect(tags()).not.toHaveProperty('kserve.inference_service');
  });

  it('the same status seen again (resync, repeated events) → no further MLflow writes', async () => {
    const { rt, kube, mlflow, tags } = world();
    await converge(rt, versionKey('fraud', '1'));
    kube.setStatus('kserve-mlflow-models', 'mlflow-fraud-v1', readyStatus);
    writer = startStatusWriter(rt, fast);
    await eventually(() => tags()['kserve.status'] === 'Ready', 'Ready');
    await writer.idle();
    const writes = mlflow.calls.filter((c) => c.op === 'setModelVersionTag').length;
    kube.setStatus('kserve-mlflow-models', 'mlflow-fraud-v1', readyStatus);
    kube.setStatus('kserve-mlflow-models', 'mlflow-fraud-v1', readyStatus);
    await new Promise((r) => setTimeout(r, 50));
    await writer.idle();
    expect(mlflow.calls.filter((c) => c.op === 'setModelVersionTag').length).toBe(writes);
  });

  it("alias service → kserve.champion.* on the registered model; nothing on the served version's own tags", async () => {
    const { rt, kube, mlflow, tags } = world();
    mlflow.versions.get('fraud/1')!.tags['deploy'] = 'false';
    mlflow.setAlias('fraud', 'champion', '1');
    await converge(rt, aliasKey('fraud', 'champion'));
    kube.setStatus('kserve-mlflow-models', 'mlflow-fraud-champion', readyStatus);
    writer = startStatusWriter(rt, fast);
    await eventually(() => mlflow.modelTags.get('fraud')?.['kserve.champion.status'] === 'Ready', 'model tags');
    expect(mlflow.modelTags.get('fraud')).toMatchObject({
      'kserve.champion.url': 'http://fraud.models.example.com',
      'kserve.champion.inference_service': 'kserve-mlflow-models/mlflow-fraud-champion',
      'kserve.champion.version': '1',
    });
    expect(Object.keys(tags()).filter((k) => k.startsWith('kserve.'))).toEqual([]);
  });

  it('alias moved 1 → 2 → the model tags say version 2; neither version carries a tag naming the alias service', async () => {
    const { rt, kube, mlflow, tags } = world();
    mlflow.versions.get('fraud/1')!.tags['deploy'] = 'false';
    mlflow.addVersion({ name: 'fraud', version: '2', source: 's3://b/fraud/2' });
    mlflow.setAlias('fraud', 'champion', '1');
    await converge(rt, aliasKey('fraud', 'champion'));
    kube.setStatus('kserve-mlflow-models', 'mlflow-fraud-champion', readyStatus);
    writer = startStatusWriter(rt, fast);
    await eventually(() => mlflow.modelTags.get('fraud')?.['kserve.champion.version'] === '1', 'version 1 reported');
    mlflow.setAlias('fraud', 'champion', '2');
    await converge(rt, aliasKey('fraud', 'champion'));
    await eventually(() => mlflow.modelTags.get('fraud')?.['kserve.champion.version'] === '2', 'version 2 reported');
    await writer.idle();
    for (const version of [tags(), mlflow.versions.get('fraud/2')!.tags]) {
      expect(Object.entries(version).filter(([k, v]) => k.startsWith('kserve.') || v.includes('champion'))).toEqual([]);
    }
  });

  it('alias deleted → kserve.champion.status=Removed and nothing else under the alias', async () => {
    const { rt, mlflow } = world();
    mlflow.setAlias('fraud', 'champion', '1');
    await converge(rt, aliasKey('fraud', 'champion'));
    writer = startStatusWriter(rt, fast);
    await eventually(() => mlflow.modelTags.get('fraud')?.['kserve.champion.status'] === 'Pending', 'Pending');
    mlflow.deleteAlias('fraud', 'champion');
    await converge(rt, aliasKey('fraud', 'champion'));
    await eventually(() => mlflow.modelTags.get('fraud')?.['kserve.champion.status'] === 'Removed', 'Removed');
    expect(Object.keys(mlflow.modelTags.get('fraud')!).sort()).toEqual(['kserve.champion.status', 'kserve.champion.updated_at']);
  });

  it('a version with its own service and an alias service → each status in its own place; 5 resyncs → no tag written', async () => {
    const deps = testDeps({ deploy_aliases: 'champion', status_resync_seconds: '10' });
    deps.mlflow.addVersion({ name: 'fraud', version: '1', source: 's3://b/fraud/1', tags: { deploy: 'true' } });
    deps.mlflow.setAlias('fraud', 'champion', '1');
    const rt = createRuntime(deps);
    await converge(rt, versionKey('fraud', '1'));
    await converge(rt, aliasKey('fraud', 'champion'));
    deps.kube.setStatus('kserve-mlflow-models', 'mlflow-fraud-v1', readyStatus);
    deps.kube.setStatus('kserve-mlflow-models', 'mlflow-fraud-champion', { ...readyStatus, url: 'http://champion.example.com' });
    expect((await syncStatus(rt)).failed).toEqual([]);
    const version = deps.mlflow.versions.get('fraud/1')!.tags;
    expect(version['kserve.inference_service']).toBe('kserve-mlflow-models/mlflow-fraud-v1');
    expect(version['kserve.url']).toBe('http://fraud.models.example.com');
    expect(deps.mlflow.modelTags.get('fraud')).toMatchObject({
      'kserve.champion.inference_service': 'kserve-mlflow-models/mlflow-fraud-champion',
      'kserve.champion.url': 'http://champion.example.com',
    });
    const writes = () => deps.mlflow.calls.filter((c) => /^(set|delete)(ModelVersion|RegisteredModel)Tag$/.test(c.op)).length;
    const before = writes();
    for (let pass = 0; pass < 5; pass += 1) expect((await syncStatus(rt)).written).toBe(0);
    writer = startStatusWriter(rt, fast);
    await eventually(() => deps.kube.watchCount === 1, 'a watch');
    await writer.idle();
    expect(writes()).toBe(before);
  });

  it('a deletion while the watch was down → Removed after the watch is re-established', async () => {
    const { rt, kube, tags } = world();
    await converge(rt, versionKey('fraud', '1'));
    writer = startStatusWriter(rt, fast);
    await eventually(() => tags()['kserve.status'] === 'Pending', 'Pending');
    await eventually(() => kube.watchCount === 1, 'a watch');
    kube.objects.delete('kserve-mlflow-models/mlflow-fraud-v1'); // no event: the watch is about to drop
    kube.endWatches(new Error('connection reset'));
    await eventually(() => tags()['kserve.status'] === 'Removed', 'Removed');
    await eventually(() => kube.watchCount === 1, 'the watch back');
  });

  it('the watch refused 6 times in a row (RBAC without watch) → listed again after 1, 2, 4, 8, 16, 30 s, not at once; then watching', async () => {
    const { rt, kube } = world();
    kube.failNext('watch', 6);
    const waits: number[] = [];
    writer = startStatusWriter(rt, recordingWaits(waits));
    await eventually(() => kube.watchCount === 1, 'the watch once allowed');
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000]);
    expect(kube.calls.filter((c) => c.op === 'list')).toHaveLength(7);
    kube.endWatches(); // a watch the API server ends after its timeout → listed and watched again at once
    await eventually(() => kube.watchCount === 1 && kube.calls.filter((c) => c.op === 'list').length === 8, 'watching again');
    expect(waits).toHaveLength(6);
  });

  it('a watch that delivered events, then dropped with an error → listed and watched again at once, no backoff', async () => {
    const { rt, kube, tags } = world();
    await converge(rt, versionKey('fraud', '1'));
    const waits: number[] = [];
    writer = startStatusWriter(rt, recordingWaits(waits));
    await eventually(() => kube.watchCount === 1, 'a watch');
    kube.setStatus('kserve-mlflow-models', 'mlflow-fraud-v1', readyStatus);
    await eventually(() => tags()['kserve.status'] === 'Ready', 'Ready, told by the watch');
    const lists = kube.calls.filter((c) => c.op === 'list').length;
    kube.endWatches(new Error('connection reset'));
    await eventually(() => kube.watchCount === 1 && kube.calls.filter((c) => c.op === 'list').length === lists + 1, 'watching again');
    expect(waits.filter((ms) => ms >= 1000)).toEqual([]);
  });

  it('MLflow failing twice on a write → retried until written', async () => {
    const { rt, mlflow, tags } = world();
    await converge(rt, versionKey('fraud', '1'));
    mlflow.failNext('setModelVersionTag', 2);
    writer = startStatusWriter(rt, fast);
    await eventually(() => tags()['kserve.status'] === 'Pending', 'Pending after retries');
  });

  it('custom status_tag_prefix → tags under it', async () => {
    const deps = testDeps({ status_tag_prefix: 'deploy.k8s/' });
    deps.mlflow.addVersion({ name: 'm', version: '1', source: 's3://b/m/1', tags: { deploy: 'true' } });
    const rt = createRuntime(deps);
    await converge(rt, versionKey('m', '1'));
    expect((await syncStatus(rt)).written).toBeGreaterThan(0);
    expect(deps.mlflow.versions.get('m/1')!.tags['deploy.k8s/status']).toBe('Pending');
  });
});

describe('status resync against one snapshot of MLflow', () => {
  /** 500 versions with their own services and 50 models with an alias service, their status already in MLflow. */
  async function big() {
    const deps = testDeps({ deploy_aliases: 'champion', status_resync_seconds: '10' });
    deps.mlflow.pageSize = 10_000;
    const rt = createRuntime(deps);
    for (let m = 0; m < 50; m += 1) {
      for (let v = 1; v <= 10; v += 1) {
        deps.mlflow.addVersion({ name: `m${m}`, version: String(v), source: `s3://b/m${m}/${v}`, tags: { deploy: 'true' } });
        await converge(rt, versionKey(`m${m}`, String(v)));
      }
      deps.mlflow.setAlias(`m${m}`, 'champion', '10');
      await converge(rt, aliasKey(`m${m}`, 'champion'));
    }
    expect((await syncStatus(rt)).written).toBeGreaterThan(0);
    deps.mlflow.calls.length = 0;
    return { deps, rt };
  }
  const reads = (calls: { op: string }[]) => calls.filter((c) => c.op !== 'searchModelVersions' && c.op !== 'searchRegisteredModels');

  it('550 services, nothing changed: syncStatus → 2 MLflow requests (one search each), no read per key, no write', async () => {
    const { deps, rt } = await big();
    expect(await syncStatus(rt)).toMatchObject({ services: 550, written: 0, failed: [] });
    expect(deps.mlflow.calls.map((c) => c.op).sort()).toEqual(['searchModelVersions', 'searchRegisteredModels']);
  });

  it('550 services, nothing changed: the status writer starting and resyncing → no read per key, ≤ 1 MLflow request per 100 services per list', async () => {
    const { deps, rt } = await big();
    writer = startStatusWriter(rt, fast);
    await eventually(() => deps.kube.watchCount === 1, 'a watch');
    await writer.idle();
    expect(reads(deps.mlflow.calls)).toEqual([]);
    expect(deps.mlflow.calls.length).toBeLessThanOrEqual(550 / 100);
  });

  it('one version whose status someone deleted in MLflow, and one alias whose URL changed → only those two are read and rewritten', async () => {
    const { deps, rt } = await big();
    delete deps.mlflow.versions.get('m7/3')!.tags['kserve.status'];
    deps.kube.setStatus('kserve-mlflow-models', 'mlflow-m9-champion', readyStatus);
    deps.mlflow.calls.length = 0;
    const report = await syncStatus(rt);
    expect(report.written).toBeGreaterThan(0);
    expect(deps.mlflow.versions.get('m7/3')!.tags['kserve.status']).toBe('Pending');
    expect(deps.mlflow.modelTags.get('m9')!['kserve.champion.url']).toBe('http://fraud.models.example.com');
    expect(
      new Set(
        reads(deps.mlflow.calls)
          .filter((c) => c.op.startsWith('get'))
          .map((c) => JSON.stringify(c)),
      ),
    ).toEqual(
      new Set([
        JSON.stringify({ op: 'getModelVersion', args: ['m7', '3'] }),
        JSON.stringify({ op: 'getRegisteredModelTags', args: ['m9'] }),
      ]),
    );
  });

  it('the snapshot search failing → the writer reads each key as before (slower, never wrong)', async () => {
    const { deps, rt } = await big();
    deps.mlflow.failNext('searchModelVersions', 1);
    delete deps.mlflow.versions.get('m1/1')!.tags['kserve.status'];
    writer = startStatusWriter(rt, fast);
    await eventually(() => deps.mlflow.versions.get('m1/1')!.tags['kserve.status'] === 'Pending', 'rewritten');
    expect(deps.mlflow.calls.some((c) => c.op === 'getModelVersion')).toBe(true);
  });
});

describe('syncStatus', () => {
  it('one pass over the managed services → their status written; a second pass → nothing', async () => {
    const { rt, kube, tags } = world();
    await converge(rt, versionKey('fraud', '1'));
    kube.setStatus('kserve-mlflow-models', 'mlflow-fraud-v1', readyStatus);
    expect(await syncStatus(rt)).toMatchObject({ services: 1, failed: [] });
    expect(tags()['kserve.status']).toBe('Ready');
    expect((await syncStatus(rt)).written).toBe(0);
  });
});

describe('keysOfChange', () => {
  it('a watch update → the keys of both the previous and the current object, each once; unmanaged → none', async () => {
    const { rt, kube } = world();
    await converge(rt, versionKey('fraud', '1'));
    const object = kube.objects.get('kserve-mlflow-models/mlflow-fraud-v1')!;
    const other = {
      ...object,
      metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, 'mlflow-kserve.io/model-alias': 'champion' } },
    };
    expect(keysOfChange(object, other)).toEqual([versionKey('fraud', '1'), aliasKey('fraud', 'champion')]);
    expect(keysOfChange(object, object)).toEqual([versionKey('fraud', '1')]);
    expect(keysOfChange(undefined, { ...object, metadata: { ...object.metadata, labels: {} } })).toEqual([]);
  });
});
