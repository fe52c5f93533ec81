import { describe, expect, it } from 'vitest';
import { converge } from '../converge/converge.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { versionKey } from '../keys/deployment-key.js';
import { createRuntime } from '../runtime/runtime.js';
import { InMemoryKube } from '../testing/in-memory-kube.js';
import { committingKube } from '../test-support/committing-kube.js';
import { testDeps } from '../testing/test-deps.js';
import { liveStatusSource } from './live-status-source.js';
import { syncStatus } from './sync-status.js';

const gitTarget = 'git:https://git.example.com/platform/deployments.git';
const readyStatus = { url: 'http://fraud.models.example.com', conditions: [{ type: 'Ready', status: 'True' }] };

function gitWorld(fromCluster: boolean) {
  const deps = testDeps({ kube_target: gitTarget, git_status_from_cluster: fromCluster });
  deps.mlflow.addVersion({ name: 'fraud', version: '1', source: 's3://b/fraud/1', tags: { deploy: 'true' } });
  const git = committingKube();
  const cluster = new InMemoryKube();
  const rt = createRuntime({ ...deps, kube: git, ...(fromCluster ? { clusterView: cluster } : {}) });
  const tags = () => deps.mlflow.versions.get('fraud/1')!.tags;
  /** Plays Argo CD or Flux: applies the committed file to the cluster. */
  const sync = async () => {
    const file = (await git.get('kserve-mlflow-models', 'mlflow-fraud-v1'))!;
    await cluster.apply(structuredClone(file), { resourceVersion: undefined });
  };
  return { ...deps, rt, git, cluster, tags, sync };
}

describe('liveStatusSource', () => {
  it('cluster target → its own port; directory target → none', () => {
    const cluster = testDeps();
    const rt = createRuntime(cluster);
    expect(liveStatusSource(rt)).toBe(rt.kube);
    expect(liveStatusSource(createRuntime(testDeps({ kube_target: 'dir:/tmp/manifests' })))).toBeUndefined();
  });

  it('Git target → the cluster view with git_status_from_cluster, none without', () => {
    const { rt } = gitWorld(true);
    expect(liveStatusSource(rt)).toBe(rt.clusterView);
    expect(rt.clusterView).toBeDefined();
    expect(liveStatusSource(gitWorld(false).rt)).toBeUndefined();
  });
});

describe('status of a Git target read from the cluster', () => {
  it('commit → Committed with the commit; the GitOps controller applies it and KServe reports Ready → Ready with the URL, the commit kept', async () => {
    const { rt, cluster, tags, sync } = gitWorld(true);
    await converge(rt, versionKey('fraud', '1'));
    expect(tags()['kserve.status']).toBe('Committed');
    expect(tags()['kserve.commit']).toBe('commit-1');

    expect(await syncStatus(rt)).toEqual({ services: 0, written: 0, failed: [] }); // nothing applied yet: still Committed
    expect(tags()['kserve.status']).toBe('Committed');

    await sync();
    cluster.setStatus('kserve-mlflow-models', 'mlflow-fraud-v1', readyStatus);
    const report = await syncStatus(rt);
    expect(report.services).toBe(1);
    expect(tags()['kserve.status']).toBe('Ready');
    expect(tags()['kserve.url']).toBe('http://fraud.models.example.com');
    expect(tags()['kserve.inference_service']).toBe('kserve-mlflow-models/mlflow-fraud-v1');
    expect(tags()['kserve.commit']).toBe('commit-1');
    expect(tags()['kserve.manifest']).toBe('kserve-mlflow-models/mlflow-fraud-v1.yaml');
  });

  it('undeployed → Removed, the commit and file tags gone; not reported Ready while the GitOps controller has yet to prune it', async () => {
    const { rt, mlflow, cluster, tags, sync } = gitWorld(true);
    await converge(rt, versionKey('fraud', '1'));
    await sync();
    cluster.setStatus('kserve-mlflow-models', 'mlflow-fraud-v1', readyStatus);
    await syncStatus(rt);
    mlflow.versions.get('fraud/1')!.tags['deploy'] = 'false';
    await converge(rt, versionKey('fraud', '1'));
    expect(tags()['kserve.status']).toBe('Removed');
    // Still live until the GitOps controller prunes it: its file is gone from Git, so it is not reported Ready again.
    cluster.setStatus('kserve-mlflow-models', 'mlflow-fraud-v1', { ...readyStatus, url: 'http://changed.example.com' });
    expect(await syncStatus(rt)).toMatchObject({ services: 1, written: 0 });
    await cluster.delete('kserve-mlflow-models', 'mlflow-fraud-v1');
    expect(tags()['kserve.status']).toBe('Removed');
    expect(tags()).not.toHaveProperty('kserve.commit');
    expect(tags()).not.toHaveProperty('kserve.url');
  });

  it('status sync with a Git target alone → config_invalid naming MLFLOW_KSERVE_GIT_STATUS_FROM_CLUSTER; MLflow untouched', async () => {
    const { rt, tags } = gitWorld(false);
    await converge(rt, versionKey('fraud', '1'));
    const before = { ...tags() };
    const error = await syncStatus(rt).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowKserveError);
    expect((error as MlflowKserveError).code).toBe('config_invalid');
    expect((error as Error).message).toContain('MLFLOW_KSERVE_GIT_STATUS_FROM_CLUSTER=true');
    expect(tags()).toEqual(before);
  });

  it('status sync with a directory target → config_invalid naming MLFLOW_KSERVE_KUBE_TARGET', async () => {
    const rt = createRuntime(testDeps({ kube_target: 'dir:/tmp/never-written', status_writeback: true }));
    await expect(syncStatus(rt)).rejects.toThrow(/MLFLOW_KSERVE_KUBE_TARGET=cluster/);
  });
});
