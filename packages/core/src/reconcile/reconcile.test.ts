import { describe, expect, it } from 'vitest';
import { createRuntime } from '../runtime/runtime.js';
import { testDeps } from '../testing/test-deps.js';
import { converge } from '../converge/converge.js';
import { versionKey } from '../keys/deployment-key.js';
import { reconcile } from './reconcile.js';

describe('reconcile', () => {
  function world(count: number) {
    const deps = testDeps({ reconcile_concurrency: 3 });
    deps.mlflow.pageSize = 7;
    for (let i = 1; i <= count; i += 1)
      deps.mlflow.addVersion({ name: 'm', version: String(i), source: `s3://b/m/${i}`, tags: { deploy: i % 2 ? 'true' : 'True ' } });
    return { ...deps, runtime: createRuntime(deps) };
  }

  it('25 tagged versions over 4 pages → 25 creates; second run → 25 unchanged and no write', async () => {
    const { runtime, kube } = world(25);
    const first = await reconcile(runtime);
    expect(first.counts).toMatchObject({ create: 25, update: 0, delete: 0 });
    expect(kube.objects.size).toBe(25);
    const writes = kube.writes;
    const second = await reconcile(runtime);
    expect(second.counts).toMatchObject({ create: 0, unchanged: 25 });
    expect(kube.writes).toBe(writes);
  });

  it('a FAILED_REGISTRATION version tagged deploy=true → not deployed by reconcile', async () => {
    const { runtime, kube, mlflow } = world(2);
    mlflow.addVersion({ name: 'm', version: '1', source: 's3://b/m/1', tags: { deploy: 'true' }, status: 'FAILED_REGISTRATION' });
    await reconcile(runtime);
    expect([...kube.objects.keys()]).toEqual(['kserve-mlflow-models/mlflow-m-v2']);
  });

  it('a tagged version the preflight refuses (no MLmodel) → rejected and skipped, not failed; kserve.status=Rejected written; the dry run only plans it', async () => {
    const { runtime, kube, mlflow } = world(2);
    mlflow.addVersion({ name: 'm', version: '3', source: 's3://b/m/3', tags: { deploy: 'true' }, files: {} });
    const planned = await reconcile(runtime, { dryRun: true });
    expect(planned.items.find((i) => i.key === 'm/3')).toMatchObject({
      action: 'rejected',
      outcome: 'planned',
      error: expect.stringContaining('no MLmodel'),
    });
    expect(mlflow.versions.get('m/3')!.tags['kserve.status']).toBeUndefined();
    const report = await reconcile(runtime);
    expect(report.counts).toMatchObject({ create: 2, rejected: 1, error: 0 });
    expect(report.failed).toBe(0);
    expect(report.items.find((i) => i.key === 'm/3')).toMatchObject({ action: 'rejected', outcome: 'skipped' });
    expect(mlflow.versions.get('m/3')!.tags['kserve.status']).toBe('Rejected');
    expect(kube.objects.has('kserve-mlflow-models/mlflow-m-v3')).toBe(false);
  });

  it('dry run → the plan, no write', async () => {
    const { runtime, kube } = world(3);
    const report = await reconcile(runtime, { dryRun: true });
    expect(report.items.map((i) => [i.action, i.outcome])).toEqual([
      ['create', 'planned'],
      ['create', 'planned'],
      ['create', 'planned'],
    ]);
    expect(kube.writes).toBe(0);
  });

  it('tag removed, version deleted, other tag value → exactly those deleted', async () => {
    const { runtime, kube, mlflow } = world(4);
    await reconcile(runtime);
    delete mlflow.versions.get('m/1')!.tags['deploy'];
    mlflow.deleteVersion('m', '2');
    mlflow.versions.get('m/3')!.tags['deploy'] = 'false';
    const report = await reconcile(runtime);
    expect(report.counts).toMatchObject({ delete: 3, unchanged: 1 });
    expect([...kube.objects.keys()]).toEqual(['kserve-mlflow-models/mlflow-m-v4']);
  });

  it('MLflow search fails → throws before any write (never deletes everything)', async () => {
    const { runtime, kube, mlflow } = world(3);
    await reconcile(runtime);
    const writes = kube.writes;
    mlflow.failNext('searchModelVersions', 10);
    await expect(reconcile(runtime)).rejects.toMatchObject({ code: 'mlflow_error' });
    expect(kube.writes).toBe(writes);
    expect(kube.objects.size).toBe(3);
  });

  it('one version with unusable storage → reported as rejected (not a failure), its running service kept, others converge', async () => {
    const { runtime, kube, mlflow } = world(2);
    await reconcile(runtime);
    mlflow.addVersion({ name: 'm', version: '1', source: 'ftp://nope', tags: { deploy: 'true' } });
    mlflow.addVersion({ name: 'm', version: '9', source: 's3://b/m/9', tags: { deploy: 'true' } });
    const report = await reconcile(runtime);
    expect(report.counts).toMatchObject({ rejected: 1, error: 0, create: 1, delete: 0 });
    expect(report.failed).toBe(0);
    expect(report.items.find((i) => i.action === 'rejected')).toMatchObject({
      name: 'mlflow-m-v1',
      model: 'm',
      version: '1',
      outcome: 'skipped',
      error: expect.stringContaining('ftp://nope'),
    });
    expect(kube.objects.has('kserve-mlflow-models/mlflow-m-v1')).toBe(true);
  });

  it('a write fails → that item failed, the rest done', async () => {
    const { runtime, kube } = world(3);
    kube.failNext('apply');
    const report = await reconcile(runtime);
    expect(report.failed).toBe(1);
    expect(kube.objects.size).toBe(2);
    expect((await reconcile(runtime)).counts).toMatchObject({ create: 1, unchanged: 2 });
  });

  it('rapid flips of tags, then reconcile → cluster equals MLflow exactly', async () => {
    const { runtime, kube, mlflow } = world(10);
    await reconcile(runtime);
    for (let round = 0; round < 5; round += 1) {
      for (let i = 1; i <= 10; i += 1) mlflow.versions.get(`m/${i}`)!.tags['deploy'] = (i + round) % 3 === 0 ? 'true' : 'false';
    }
    await reconcile(runtime, { allowMassDelete: true });
    const expected = [...mlflow.versions.values()]
      .filter((v) => v.tags['deploy'] === 'true')
      .map((v) => `kserve-mlflow-models/mlflow-m-v${v.version}`)
      .sort();
    expect([...kube.objects.keys()].sort()).toEqual(expected);
  });

  it('without MLflow configured → config_invalid', async () => {
    const deps = testDeps();
    await expect(reconcile({ ...deps, mlflow: undefined })).rejects.toMatchObject({ code: 'config_invalid' });
  });

  it('a run that would delete 6 of 8 services → blocked: nothing written, report and readiness say why', async () => {
    const { runtime, kube, mlflow } = world(8);
    for (let i = 1; i <= 8; i += 1) mlflow.versions.get(`m/${i}`)!.tags['deploy'] = 'true';
    await reconcile(runtime);
    const writes = kube.writes;
    for (let i = 1; i <= 6; i += 1) mlflow.versions.get(`m/${i}`)!.tags['deploy'] = 'false';
    const report = await reconcile(runtime);
    expect(report.blocked).toMatch(/would delete 6 of 8 .*--allow-mass-delete.*MLFLOW_KSERVE_RECONCILE_MAX_DELETE_RATIO/);
    expect(report.items.filter((i) => i.action === 'delete').map((i) => i.outcome)).toEqual(Array(6).fill('planned'));
    expect(kube.writes).toBe(writes);
    expect(runtime.state.reconcileBlocked).toBe(report.blocked);

    const allowed = await reconcile(runtime, { allowMassDelete: true });
    expect(allowed.blocked).toBeUndefined();
    expect(allowed.counts.delete).toBe(6);
    expect(kube.objects.size).toBe(2);
    expect(runtime.state.reconcileBlocked).toBeUndefined();
  });

  it('5 deletions of 6, or any number with reconcile_max_delete_ratio=1 → not blocked', async () => {
    const small = world(6);
    for (let i = 1; i <= 6; i += 1) small.mlflow.versions.get(`m/${i}`)!.tags['deploy'] = 'true';
    await reconcile(small.runtime);
    for (let i = 1; i <= 5; i += 1) small.mlflow.versions.get(`m/${i}`)!.tags['deploy'] = 'false';
    expect((await reconcile(small.runtime)).counts.delete).toBe(5);

    const deps = testDeps({ reconcile_max_delete_ratio: 1 });
    for (let i = 1; i <= 8; i += 1)
      deps.mlflow.addVersion({ name: 'm', version: String(i), source: `s3://b/m/${i}`, tags: { deploy: 'true' } });
    const runtime = createRuntime(deps);
    await reconcile(runtime);
    for (let i = 1; i <= 8; i += 1) deps.mlflow.versions.get(`m/${i}`)!.tags['deploy'] = 'false';
    expect((await reconcile(runtime)).counts.delete).toBe(8);
  });

  it('a search that hands back the same page token → mlflow_error, no write (never loops)', async () => {
    const { runtime, kube, mlflow } = world(3);
    const original = mlflow.searchModelVersions.bind(mlflow);
    let calls = 0;
    mlflow.searchModelVersions = async (options) => {
      calls += 1;
      const page = await original({ ...options, pageToken: undefined });
      return { ...page, nextPageToken: 'same' };
    };
    await expect(reconcile(runtime)).rejects.toMatchObject({
      code: 'mlflow_error',
      message: expect.stringContaining('same next_page_token'),
    });
    expect(calls).toBe(2);
    expect(kube.writes).toBe(0);
  });

  it('webhook undeploys while the search answer is delayed → the stale plan does not bring the service back', async () => {
    const { runtime, kube, mlflow } = world(0);
    mlflow.addVersion({ name: 'm', version: '1', source: 's3://b/m/1', tags: { deploy: 'true' } });
    const original = mlflow.searchModelVersions.bind(mlflow);
    let release!: () => void;
    const searched = new Promise<void>((resolve) => {
      mlflow.searchModelVersions = async (options) => {
        const page = await original(options); // snapshot: deploy=true
        resolve();
        await new Promise<void>((r) => {
          release = r;
        });
        return page;
      };
    });
    const running = reconcile(runtime);
    await searched;
    mlflow.versions.get('m/1')!.tags['deploy'] = 'false'; // the user undeploys; the webhook converges
    expect((await converge(runtime, versionKey('m', '1'))).action).toBe('unchanged');
    release();
    const report = await running;
    expect(report.items).toEqual([expect.objectContaining({ name: 'mlflow-m-v1', action: 'unchanged', outcome: 'done' })]);
    expect(kube.objects.size).toBe(0);
  });

  it('aliases: configured alias → its service; alias moved → same name updated; alias removed or model gone → deleted', async () => {
    const deps = testDeps({ deploy_aliases: 'champion,challenger' });
    const { kube, mlflow } = deps;
    mlflow.addVersion({ name: 'fraud', version: '1', source: 's3://b/fraud/1', aliases: ['champion'] });
    mlflow.addVersion({ name: 'fraud', version: '2', source: 's3://b/fraud/2', aliases: ['staging'] });
    mlflow.addVersion({ name: 'churn', version: '4', source: 's3://b/churn/4', aliases: ['challenger'] });
    const runtime = createRuntime(deps);
    const first = await reconcile(runtime);
    expect(first.items.map((i) => [i.name, i.action, i.alias, i.version])).toEqual([
      ['mlflow-churn-challenger', 'create', 'challenger', '4'],
      ['mlflow-fraud-champion', 'create', 'champion', '1'],
    ]);
    mlflow.setAlias('fraud', 'champion', '2');
    const moved = await reconcile(runtime);
    expect(moved.items.find((i) => i.name === 'mlflow-fraud-champion')).toMatchObject({ action: 'update', version: '2', outcome: 'done' });
    expect((kube.objects.get('kserve-mlflow-models/mlflow-fraud-champion')!.spec as any).predictor.model.storageUri).toBe(
      's3://b/fraud/2/',
    );
    mlflow.deleteAlias('fraud', 'champion');
    mlflow.deleteVersion('churn', '4');
    const removed = await reconcile(runtime);
    expect(removed.counts).toMatchObject({ delete: 2 });
    expect(kube.objects.size).toBe(0);
  });

  it('several namespaces: a model moved by its kserve.namespace tag while no event arrived → reconcile serves it in the new one and deletes the old; list covers both', async () => {
    const deps = testDeps({ overrides_allowed: 'namespace', allowed_namespaces: 'gpu-models' });
    deps.mlflow.addVersion({ name: 'm', version: '1', source: 's3://b/m/1', tags: { deploy: 'true' } });
    deps.mlflow.addVersion({ name: 'n', version: '1', source: 's3://b/n/1', tags: { deploy: 'true', 'kserve.namespace': 'gpu-models' } });
    const runtime = createRuntime(deps);
    await reconcile(runtime);
    expect([...deps.kube.objects.keys()].sort()).toEqual(['gpu-models/mlflow-n-v1', 'kserve-mlflow-models/mlflow-m-v1']);
    deps.mlflow.versions.get('m/1')!.tags['kserve.namespace'] = 'gpu-models';
    const report = await reconcile(runtime);
    expect(report.items.filter((i) => i.action !== 'unchanged').map((i) => [i.action, i.namespace, i.name, i.outcome])).toEqual([
      ['create', 'gpu-models', 'mlflow-m-v1', 'done'],
      ['delete', 'kserve-mlflow-models', 'mlflow-m-v1', 'done'],
    ]);
    expect([...deps.kube.objects.keys()].sort()).toEqual(['gpu-models/mlflow-m-v1', 'gpu-models/mlflow-n-v1']);
    const { listServices } = await import('../handler/list-services.js');
    expect((await listServices(runtime)).services.map((s) => `${s.namespace}/${s.name}`)).toEqual([
      'gpu-models/mlflow-m-v1',
      'gpu-models/mlflow-n-v1',
    ]);
  });
});
