import { describe, expect, it } from 'vitest';
import { createRuntime } from '../sync/runtime.js';
import { testDeps } from '../testing/test-deps.js';
import { planReconcile } from './plan-reconcile.js';
import { reconcile } from './reconcile.js';

const isvc = (
  name: string,
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
  spec: Record<string, unknown> = { v: 1 },
) => ({
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: { name, namespace: 'ns', labels, annotations, resourceVersion: '5', uid: `uid-${name}` },
  spec,
});
const owned = (name: string, model: string, version: string, spec?: Record<string, unknown>) =>
  isvc(name, { 'managed-by': 'mlflow-kserve' }, { 'mlflow-kserve.io/model-name': model, 'mlflow-kserve.io/model-version': version }, spec);

describe('planReconcile', () => {
  const want = (model: string, version: string, name: string, spec: Record<string, unknown> = { v: 1 }) => ({
    model,
    version,
    manifest: isvc(name, {}, {}, spec),
  });

  it.each([
    ['wanted, missing', [want('a', '1', 'n-a')], [], [['create', 'n-a']]],
    ['wanted, identical', [want('a', '1', 'n-a')], [owned('n-a', 'a', '1')], [['unchanged', 'n-a']]],
    ['wanted, spec differs', [want('a', '1', 'n-a', { v: 2 })], [owned('n-a', 'a', '1')], [['update', 'n-a']]],
    ['not wanted, ours', [], [owned('n-a', 'a', '1')], [['delete', 'n-a']]],
    ['not wanted, not ours', [], [isvc('n-x')], []],
    ['wanted, name used by another model', [want('a', '1', 'n-a')], [owned('n-a', 'b', '1')], [['conflict', 'n-a']]],
    ['wanted, name used by a foreign service', [want('a', '1', 'n-a')], [isvc('n-a')], [['conflict', 'n-a']]],
  ] as const)('%s → %j', (_name, desired, actual, expected) => {
    expect(planReconcile(desired as any, actual as any).map((p) => [p.type, p.name])).toEqual(expected);
  });

  it('update → carries the live resourceVersion; delete → carries the uid', () => {
    const plan = planReconcile([want('a', '1', 'n-a', { v: 2 })], [owned('n-a', 'a', '1'), owned('n-b', 'b', '1')]);
    expect(plan[0]).toMatchObject({ type: 'update', resourceVersion: '5' });
    expect(plan[1]).toMatchObject({ type: 'delete', uid: 'uid-n-b', model: 'b', version: '1' });
  });
});

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

  it('one version with unusable storage → reported as error, its running service kept, others converge', async () => {
    const { runtime, kube, mlflow } = world(2);
    await reconcile(runtime);
    mlflow.addVersion({ name: 'm', version: '1', source: 'ftp://nope', tags: { deploy: 'true' } });
    mlflow.addVersion({ name: 'm', version: '9', source: 's3://b/m/9', tags: { deploy: 'true' } });
    const report = await reconcile(runtime);
    expect(report.counts).toMatchObject({ error: 1, create: 1, delete: 0 });
    expect(report.items.find((i) => i.action === 'error')).toMatchObject({
      name: 'mlflow-m-v1',
      model: 'm',
      version: '1',
      outcome: 'failed',
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
    await reconcile(runtime);
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
});
