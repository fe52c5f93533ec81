import { describe, expect, it } from 'vitest';
import { converge } from '../converge/converge.js';
import { versionKey } from '../keys/deployment-key.js';
import { createRuntime } from '../runtime/runtime.js';
import { InMemoryLeases } from '../testing/in-memory-leases.js';
import { InMemoryKube } from '../testing/in-memory-kube.js';
import { committingKube } from '../test-support/committing-kube.js';
import { testDeps } from '../testing/test-deps.js';
import { startBackgroundWork } from './start-background-work.js';

const eventually = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 300; i += 1) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('startBackgroundWork', () => {
  it('two replicas sharing a Lease → one leads and writes status; when it stops, the other takes over', async () => {
    const deps = testDeps({ pod_name: 'pod-a' });
    deps.mlflow.addVersion({ name: 'm', version: '1', source: 's3://b/m/1', tags: { deploy: 'true' } });
    const a = createRuntime(deps);
    const b = createRuntime({ ...deps, config: { ...deps.config, pod_name: 'pod-b' } });
    await converge(a, versionKey('m', '1'));
    const leases = new InMemoryLeases();
    const workA = startBackgroundWork(a, leases);
    await eventually(() => workA.isLeader(), 'pod-a to lead');
    const workB = startBackgroundWork(b, leases);
    await eventually(() => deps.mlflow.versions.get('m/1')!.tags['kserve.status'] === 'Pending', 'status from the leader');
    expect(workB.isLeader()).toBe(false);
    await workA.stop();
    expect(leases.leases.get('kserve-mlflow-models/mlflow-kserve')!.spec.holderIdentity).toBeNull();
    await eventually(() => workB.isLeader(), 'pod-b to take over');
    await workB.stop();
  }, 20_000);

  it('a directory target → no election, no status writer; the reconcile schedule runs', async () => {
    const deps = testDeps({ kube_target: 'dir:/tmp/unused', reconcile_on_startup: true });
    const work = startBackgroundWork(createRuntime(deps), new InMemoryLeases());
    expect(work.isLeader()).toBe(true);
    await eventually(() => deps.mlflow.calls.some((c) => c.op === 'searchModelVersions'), 'a startup reconcile');
    expect(deps.kube.calls.some((c) => c.op === 'watch')).toBe(false);
    await work.stop();
  });
});

describe('startBackgroundWork, a Git target', () => {
  it('with git_status_from_cluster → no election; the status writer watches the cluster view and writes Ready, keeping the commit', async () => {
    const deps = testDeps({ kube_target: 'git:https://git.example.com/r.git', git_status_from_cluster: true });
    deps.mlflow.addVersion({ name: 'm', version: '1', source: 's3://b/m/1', tags: { deploy: 'true' } });
    const git = committingKube();
    const cluster = new InMemoryKube();
    const rt = createRuntime({ ...deps, kube: git, clusterView: cluster });
    await converge(rt, versionKey('m', '1'));
    const tags = () => deps.mlflow.versions.get('m/1')!.tags;
    expect(tags()['kserve.status']).toBe('Committed');
    const work = startBackgroundWork(rt, new InMemoryLeases());
    expect(work.isLeader()).toBe(true);
    // Plays Argo CD (applies the committed file) and KServe's controller (reports Ready).
    await cluster.apply((await git.get('kserve-mlflow-models', 'mlflow-m-v1'))!, { resourceVersion: undefined });
    cluster.setStatus('kserve-mlflow-models', 'mlflow-m-v1', {
      url: 'http://m.example.com',
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    await eventually(() => tags()['kserve.status'] === 'Ready', 'Ready from the cluster');
    expect(tags()['kserve.url']).toBe('http://m.example.com');
    expect(tags()['kserve.commit']).toBe('commit-1');
    expect(git.files.calls.some((c) => c.op === 'watch')).toBe(false);
    await work.stop();
  });

  it('the branch found rewritten (a force-push) → a reconcile at once restores the file MLflow wants; after stop → no more', async () => {
    const deps = testDeps({ kube_target: 'git:https://git.example.com/r.git' });
    deps.mlflow.addVersion({ name: 'm', version: '1', source: 's3://b/m/1', tags: { deploy: 'true' } });
    const git = committingKube();
    const rt = createRuntime({ ...deps, kube: git });
    await converge(rt, versionKey('m', '1'));
    const work = startBackgroundWork(rt, undefined);
    git.files.objects.clear(); // the force-push dropped the file
    git.rewrite();
    await eventually(() => git.files.objects.size === 1, 'the file restored by a reconcile');
    await work.stop();
    git.files.objects.clear();
    git.rewrite();
    await new Promise((r) => setTimeout(r, 50));
    expect(git.files.objects.size).toBe(0);
  });

  it('without git_status_from_cluster → no status writer (MLflow keeps Committed)', async () => {
    const deps = testDeps({ kube_target: 'git:https://git.example.com/r.git' });
    const git = committingKube();
    const work = startBackgroundWork(createRuntime({ ...deps, kube: git }), undefined);
    await new Promise((r) => setTimeout(r, 50));
    expect(git.files.calls.some((c) => c.op === 'list' || c.op === 'watch')).toBe(false);
    await work.stop();
  });
});

describe('startBackgroundWork, the work queue', () => {
  it('a reconcile write that fails → retried through the queue with backoff, without waiting for the next reconcile', async () => {
    const deps = testDeps({ kube_target: 'dir:/tmp/unused', reconcile_on_startup: true });
    deps.mlflow.addVersion({ name: 'm', version: '1', source: 's3://b/m/1', tags: { deploy: 'true' } });
    deps.kube.failNext('apply', 1);
    const work = startBackgroundWork(createRuntime(deps), undefined);
    expect(work.queue()).toBeDefined();
    await eventually(() => deps.kube.objects.size === 1, 'the retried write (1 s after the failure)');
    expect(deps.kube.calls.filter((c) => c.op === 'apply')).toHaveLength(2);
    await work.stop();
    expect(work.queue()).toBeUndefined();
  }, 10_000);

  it('without MLflow (development: an event-fed registry) → no reconcile and no status writer, only the queue', async () => {
    const deps = testDeps({ reconcile_on_startup: true });
    const rt = createRuntime({ config: deps.config, kube: deps.kube });
    const work = startBackgroundWork(rt, undefined);
    await new Promise((r) => setTimeout(r, 50));
    expect(deps.kube.calls.filter((c) => c.op === 'list' || c.op === 'watch')).toEqual([]);
    await work.stop();
  });
});
