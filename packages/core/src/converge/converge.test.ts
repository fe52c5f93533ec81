import { describe, expect, it } from 'vitest';
import { createRuntime } from '../runtime/runtime.js';
import { testDeps } from '../testing/test-deps.js';
import { converge } from './converge.js';
import { aliasKey, versionKey } from '../keys/deployment-key.js';
import { promote } from './promote.js';

function world(overrides: Record<string, unknown> = {}) {
  const deps = testDeps({ deploy_aliases: 'champion', ...overrides });
  deps.mlflow.addVersion({ name: 'fraud', version: '1', source: 's3://b/fraud/1' });
  deps.mlflow.addVersion({ name: 'fraud', version: '2', source: 's3://b/fraud/2' });
  return { ...deps, rt: createRuntime(deps) };
}
const champion = aliasKey('fraud', 'champion');
const stored = (kube: ReturnType<typeof world>['kube']) => kube.objects.get('kserve-mlflow-models/mlflow-fraud-champion');

describe('converge', () => {
  it('alias set → created as mlflow-fraud-champion with the alias, the served version and its storage', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.setAlias('fraud', 'champion', '1');
    expect(await converge(rt, champion)).toMatchObject({
      action: 'created',
      name: 'mlflow-fraud-champion',
      servedVersion: '1',
      wanted: true,
    });
    expect(stored(kube)!.metadata.annotations).toMatchObject({
      'mlflow-kserve.io/model-name': 'fraud',
      'mlflow-kserve.io/model-alias': 'champion',
      'mlflow-kserve.io/model-version': '1',
    });
    expect((stored(kube)!.spec as any).predictor.model.storageUri).toBe('s3://b/fraud/1/');
  });

  it('service written by an earlier release with its s3 storageUri lacking the trailing / → unchanged (no fleet-wide roll on upgrade); another change → updated with the /', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.setAlias('fraud', 'champion', '1');
    await converge(rt, champion);
    const earlier = stored(kube)!;
    (earlier.spec as any).predictor.model.storageUri = 's3://b/fraud/1';
    expect((await converge(rt, champion)).action).toBe('unchanged');
    expect((stored(kube)!.spec as any).predictor.model.storageUri).toBe('s3://b/fraud/1');
    mlflow.setAlias('fraud', 'champion', '2');
    expect((await converge(rt, champion)).action).toBe('updated');
    expect((stored(kube)!.spec as any).predictor.model.storageUri).toBe('s3://b/fraud/2/');
  });

  it('alias moved → same name updated in place (no 409), new storage; converged again → unchanged', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.setAlias('fraud', 'champion', '1');
    await converge(rt, champion);
    mlflow.setAlias('fraud', 'champion', '2');
    expect((await converge(rt, champion)).action).toBe('updated');
    expect((stored(kube)!.spec as any).predictor.model.storageUri).toBe('s3://b/fraud/2/');
    expect(stored(kube)!.metadata.annotations!['mlflow-kserve.io/model-version']).toBe('2');
    expect((await converge(rt, champion)).action).toBe('unchanged');
  });

  it('alias moved with canary_traffic_percent=10 → canaryTrafficPercent 10; promote → removed', async () => {
    const { rt, kube, mlflow } = world({ canary_traffic_percent: 10 });
    mlflow.setAlias('fraud', 'champion', '1');
    await converge(rt, champion);
    expect((stored(kube)!.spec as any).predictor.canaryTrafficPercent).toBeUndefined();
    mlflow.setAlias('fraud', 'champion', '2');
    await converge(rt, champion);
    expect((stored(kube)!.spec as any).predictor.canaryTrafficPercent).toBe(10);
    expect((await converge(rt, champion)).action).toBe('unchanged');
    expect((await promote(rt, 'fraud', 'champion')).action).toBe('updated');
    expect((stored(kube)!.spec as any).predictor).not.toHaveProperty('canaryTrafficPercent');
    expect((await promote(rt, 'fraud', 'champion')).action).toBe('unchanged');
  });

  it('alias removed in MLflow → deleted; converged again → unchanged', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.setAlias('fraud', 'champion', '1');
    await converge(rt, champion);
    mlflow.deleteAlias('fraud', 'champion');
    expect(await converge(rt, champion)).toMatchObject({
      action: 'deleted',
      wanted: false,
      reason: expect.stringContaining('no longer exists'),
    });
    expect(kube.objects.size).toBe(0);
    expect((await converge(rt, champion)).action).toBe('unchanged');
  });

  it('alias not configured (removed from MLFLOW_KSERVE_DEPLOY_ALIASES) → its service deleted', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.setAlias('fraud', 'champion', '1');
    await converge(rt, champion);
    const off = createRuntime({ config: { ...rt.config, deploy_aliases: [] }, kube, mlflow });
    expect((await converge(off, champion)).action).toBe('deleted');
  });

  it('alias on a FAILED_REGISTRATION version → storage_uri_unusable, the running service kept', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.setAlias('fraud', 'champion', '1');
    await converge(rt, champion);
    mlflow.addVersion({ name: 'fraud', version: '3', source: 's3://b/fraud/3', status: 'FAILED_REGISTRATION' });
    mlflow.setAlias('fraud', 'champion', '3');
    await expect(converge(rt, champion)).rejects.toMatchObject({ code: 'storage_uri_unusable' });
    expect(stored(kube)!.metadata.annotations!['mlflow-kserve.io/model-version']).toBe('1');
  });

  it('MLflow fails while reading → mlflow_error, nothing written (a delete needs a fresh answer)', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.setAlias('fraud', 'champion', '1');
    await converge(rt, champion);
    mlflow.deleteAlias('fraud', 'champion');
    mlflow.failNext('getModelVersionByAlias');
    await expect(converge(rt, champion)).rejects.toMatchObject({ code: 'mlflow_error' });
    expect(kube.objects.size).toBe(1);
  });

  it('signal aborted before the write → throws the abort reason, nothing written', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.versions.get('fraud/1')!.tags['deploy'] = 'true';
    const controller = new AbortController();
    controller.abort(new Error('deadline'));
    await expect(converge(rt, versionKey('fraud', '1'), { signal: controller.signal })).rejects.toThrow('deadline');
    expect(kube.writes).toBe(0);
  });

  it('dry run → says what would happen, writes nothing', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.versions.get('fraud/1')!.tags['deploy'] = 'true';
    expect(await converge(rt, versionKey('fraud', '1'), { dryRun: true })).toMatchObject({ action: 'created', dryRun: true });
    expect(kube.writes).toBe(0);
  });

  it('a version service and an alias service of the same version → two services, each owned by its key', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.versions.get('fraud/1')!.tags['deploy'] = 'true';
    mlflow.setAlias('fraud', 'champion', '1');
    await converge(rt, versionKey('fraud', '1'));
    await converge(rt, champion);
    expect([...kube.objects.keys()].sort()).toEqual(['kserve-mlflow-models/mlflow-fraud-champion', 'kserve-mlflow-models/mlflow-fraud-v1']);
  });

  it('MLflow changes while the write is in flight (another replica, a user) → converged again, the last write agrees with MLflow', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.versions.get('fraud/1')!.tags['deploy'] = 'true';
    const apply = kube.apply.bind(kube);
    kube.apply = async (manifest, precondition) => {
      await apply(manifest, precondition);
      mlflow.versions.get('fraud/1')!.tags['deploy'] = 'false'; // undeployed while this write was landing
    };
    const reads = () => mlflow.calls.filter((c) => c.op === 'getModelVersion').length;
    const result = await converge(rt, versionKey('fraud', '1'));
    expect(result).toMatchObject({ action: 'deleted', wanted: false });
    expect(kube.objects.size).toBe(0);
    // Read, create, confirming read (changed) → delete on that answer, confirming read (same): three reads.
    expect(reads()).toBe(3);
  });

  it('another converge of the key waits while one writes → the first skips its confirming read; the waiter reads after the write and ends where MLflow is', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.versions.get('fraud/1')!.tags['deploy'] = 'true';
    let reads = 0;
    const original = mlflow.getModelVersion.bind(mlflow);
    mlflow.getModelVersion = async (name, version) => {
      reads += 1;
      return original(name, version);
    };
    let second: Promise<unknown> | undefined;
    const apply = kube.apply.bind(kube);
    kube.apply = async (manifest, precondition) => {
      await apply(manifest, precondition);
      if (!second) {
        mlflow.versions.get('fraud/1')!.tags['deploy'] = 'false'; // undeployed while this write was landing
        second = converge(rt, versionKey('fraud', '1')); // its delivery arrives and waits for the lock
      }
    };
    expect(await converge(rt, versionKey('fraud', '1'))).toMatchObject({ action: 'created' });
    expect(await second).toMatchObject({ action: 'deleted' });
    expect(kube.objects.size).toBe(0);
    expect(reads).toBe(3); // first: 1 read; the waiter: 1 read + 1 confirming read
  });

  it('another converge of the key arrives during the confirming read → the first answers at once, the waiter converges after it', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.versions.get('fraud/1')!.tags['deploy'] = 'true';
    let reads = 0;
    let second: Promise<unknown> | undefined;
    const original = mlflow.getModelVersion.bind(mlflow);
    mlflow.getModelVersion = async (name, version) => {
      reads += 1;
      if (reads === 2) {
        // The confirming read is slow; meanwhile the tag is removed and its delivery queues.
        mlflow.versions.get('fraud/1')!.tags['deploy'] = 'false';
        second = converge(rt, versionKey('fraud', '1'));
        await new Promise((r) => setTimeout(r, 50));
        slowReadDone = true;
      }
      return original(name, version);
    };
    let slowReadDone = false;
    expect(await converge(rt, versionKey('fraud', '1'))).toMatchObject({ action: 'created' });
    expect(slowReadDone).toBe(false); // answered without waiting for the slow read
    expect(await second).toMatchObject({ action: 'deleted' });
    expect(kube.objects.size).toBe(0);
  });

  it('the service exists and MLflow is read → MLflow and Kubernetes are read at the same time, not one after the other', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.versions.get('fraud/1')!.tags['deploy'] = 'true';
    await converge(rt, versionKey('fraud', '1'));
    const events: string[] = [];
    const getVersion = mlflow.getModelVersion.bind(mlflow);
    mlflow.getModelVersion = async (name, version) => {
      events.push('mlflow start');
      await new Promise((r) => setTimeout(r, 20));
      events.push('mlflow end');
      return getVersion(name, version);
    };
    const get = kube.get.bind(kube);
    kube.get = async (namespace, name) => {
      events.push('kube start');
      return get(namespace, name);
    };
    expect(await converge(rt, versionKey('fraud', '1'))).toMatchObject({ action: 'unchanged' });
    expect(events.slice(0, 3)).toEqual(['kube start', 'mlflow start', 'mlflow end']);
  });

  it('MLflow changing on every round → retryable mlflow_error after 3 rounds', async () => {
    const { rt, kube, mlflow } = world();
    // What each read sees: round 1 reads true (create), its confirming read false; round 2 deletes on that
    // answer, its confirming read true; round 3 creates, its confirming read false again.
    const seen = ['true', 'false', 'true', 'false'];
    const original = mlflow.getModelVersion.bind(mlflow);
    mlflow.getModelVersion = async (name, version) => {
      mlflow.versions.get('fraud/1')!.tags['deploy'] = seen.shift() ?? 'false';
      return original(name, version);
    };
    await expect(converge(rt, versionKey('fraud', '1'))).rejects.toMatchObject({ code: 'mlflow_error', retryable: true });
    expect(kube.writes).toBe(3);
  });

  it('overrides allowed, tags on the model and the version → the manifest uses them (numbers as numbers)', async () => {
    const { rt, kube, mlflow } = world({
      overrides_allowed: 'runtime,max_replicas,min_replicas,cpu_limit,gpu_count',
      override_max_gpus: 2,
    });
    mlflow.versions.get('fraud/1')!.tags = { deploy: 'true', 'kserve.max_replicas': '4', 'kserve.gpu_count': '1' };
    mlflow.modelTags.set('fraud', { 'kserve.runtime': 'kserve-mlserver', 'kserve.max_replicas': '2', 'kserve.min_replicas': '1' });
    await converge(rt, versionKey('fraud', '1'));
    const predictor = (kube.objects.get('kserve-mlflow-models/mlflow-fraud-v1')!.spec as any).predictor;
    expect(predictor).toMatchObject({ minReplicas: 1, maxReplicas: 4 });
    expect(predictor.model).toMatchObject({ runtime: 'kserve-mlserver', modelFormat: { name: 'mlflow' }, protocolVersion: 'v2' });
    expect(predictor.model.resources.limits).toMatchObject({ cpu: '1', 'nvidia.com/gpu': '1' });
  });

  it('an override beyond the bounds → invalid_override (422) naming the tag, nothing written, kserve.status=Rejected on the version', async () => {
    const { rt, kube, mlflow } = world({ overrides_allowed: 'max_replicas', override_max_replicas: 3, status_writeback: true });
    mlflow.versions.get('fraud/1')!.tags = { deploy: 'true', 'kserve.max_replicas': '50' };
    await expect(converge(rt, versionKey('fraud', '1'))).rejects.toMatchObject({
      code: 'invalid_override',
      message: expect.stringContaining('kserve.max_replicas="50"'),
    });
    expect(kube.writes).toBe(0);
    expect(mlflow.versions.get('fraud/1')!.tags).toMatchObject({
      'kserve.status': 'Rejected',
      'kserve.message': expect.stringContaining('MLFLOW_KSERVE_OVERRIDE_MAX_REPLICAS'),
    });
  });

  it('overrides off (default) → override tags are not consulted', async () => {
    const { rt, kube, mlflow } = world();
    mlflow.versions.get('fraud/1')!.tags = { deploy: 'true', 'kserve.max_replicas': '50' };
    await converge(rt, versionKey('fraud', '1'));
    expect((kube.objects.get('kserve-mlflow-models/mlflow-fraud-v1')!.spec as any).predictor).not.toHaveProperty('maxReplicas');
    expect(mlflow.calls.some((c) => c.op === 'getRegisteredModelTags')).toBe(false);
  });

  it('kserve.canary_traffic_percent on the model → its own canary share when the alias moves', async () => {
    const { rt, kube, mlflow } = world({ overrides_allowed: 'canary_traffic_percent', canary_traffic_percent: 10 });
    mlflow.modelTags.set('fraud', { 'kserve.canary_traffic_percent': '30' });
    mlflow.setAlias('fraud', 'champion', '1');
    await converge(rt, aliasKey('fraud', 'champion'));
    mlflow.setAlias('fraud', 'champion', '2');
    await converge(rt, aliasKey('fraud', 'champion'));
    expect((kube.objects.get('kserve-mlflow-models/mlflow-fraud-champion')!.spec as any).predictor.canaryTrafficPercent).toBe(30);
  });

  it('kserve.namespace=gpu-models (allowed) → served there; tag removed → created in the default namespace, then the old one deleted', async () => {
    const { rt, kube, mlflow } = world({ overrides_allowed: 'namespace', allowed_namespaces: 'gpu-models' });
    mlflow.versions.get('fraud/1')!.tags = { deploy: 'true', 'kserve.namespace': 'gpu-models' };
    expect(await converge(rt, versionKey('fraud', '1'))).toMatchObject({ action: 'created', namespace: 'gpu-models' });
    expect([...kube.objects.keys()]).toEqual(['gpu-models/mlflow-fraud-v1']);
    delete mlflow.versions.get('fraud/1')!.tags['kserve.namespace'];
    const order: string[] = [];
    const apply = kube.apply.bind(kube);
    const remove = kube.delete.bind(kube);
    kube.apply = async (m, p) => {
      order.push(`apply ${m.metadata.namespace}`);
      return apply(m, p);
    };
    kube.delete = async (ns, name, p) => {
      order.push(`delete ${ns}`);
      return remove(ns, name, p);
    };
    expect(await converge(rt, versionKey('fraud', '1'))).toMatchObject({ action: 'created', namespace: 'kserve-mlflow-models' });
    expect(order).toEqual(['apply kserve-mlflow-models', 'delete gpu-models']);
    expect([...kube.objects.keys()]).toEqual(['kserve-mlflow-models/mlflow-fraud-v1']);
    mlflow.versions.get('fraud/1')!.tags['deploy'] = 'false';
    await converge(rt, versionKey('fraud', '1'));
    expect(kube.objects.size).toBe(0);
  });

  it('kserve.namespace outside MLFLOW_KSERVE_ALLOWED_NAMESPACES → invalid_override naming the allowed ones', async () => {
    const { rt, mlflow } = world({ overrides_allowed: 'namespace', allowed_namespaces: 'gpu-models' });
    mlflow.versions.get('fraud/1')!.tags = { deploy: 'true', 'kserve.namespace': 'kube-system' };
    await expect(converge(rt, versionKey('fraud', '1'))).rejects.toMatchObject({
      code: 'invalid_override',
      message: expect.stringContaining('is not an allowed namespace (kserve-mlflow-models, gpu-models; MLFLOW_KSERVE_ALLOWED_NAMESPACES)'),
    });
  });
});
