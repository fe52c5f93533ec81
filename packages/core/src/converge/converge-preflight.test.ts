import { describe, expect, it } from 'vitest';
import { mlmodelFixture } from '../../../../test/fixtures.js';
import { versionKey } from '../keys/deployment-key.js';
import { createRuntime } from '../runtime/runtime.js';
import { testDeps } from '../testing/test-deps.js';
import { converge } from './converge.js';
import { listServices } from '../handler/list-services.js';

const key = versionKey('fraud', '1');
function world(settings: Record<string, unknown> = {}, files?: Record<string, string>) {
  const deps = testDeps({ status_writeback: true, ...settings });
  deps.mlflow.addVersion({ name: 'fraud', version: '1', source: 's3://b/fraud/1', tags: { deploy: 'true' }, ...(files ? { files } : {}) });
  return { ...deps, rt: createRuntime(deps) };
}
const tagsOf = (w: ReturnType<typeof world>) => w.mlflow.versions.get('fraud/1')!.tags;

describe('converge → preflight', () => {
  it('a version without MLmodel → 422 preflight_failed, kserve.status=Rejected with the reason, nothing written; counted by reason in /services and the metric', async () => {
    const w = world({}, {});
    const counted: string[] = [];
    w.rt.metrics = { ...w.rt.metrics, preflightRejected: (reason) => counted.push(reason) };
    await expect(converge(w.rt, key)).rejects.toMatchObject({
      code: 'preflight_failed',
      retryable: false,
      details: { reasons: ['no_mlmodel'] },
    });
    expect(w.kube.objects.size).toBe(0);
    expect(tagsOf(w)).toMatchObject({ 'kserve.status': 'Rejected', 'kserve.message': expect.stringContaining('no MLmodel file') });
    expect(counted).toEqual(['no_mlmodel']);
    expect((await listServices(w.rt)).preflight_rejections).toEqual({ no_mlmodel: 1 });
  });

  it('a model without python_function for format mlflow → refused naming the flavor; the service that serves is kept', async () => {
    const w = world();
    await converge(w.rt, key);
    const served = structuredClone(w.kube.objects.get('kserve-mlflow-models/mlflow-fraud-v1'));
    // The version is re-registered with other files (a new source): its MLmodel is read again.
    w.mlflow.addVersion({
      name: 'fraud',
      version: '1',
      source: 's3://b/fraud/1b',
      tags: { deploy: 'true' },
      files: { MLmodel: 'flavors:\n  spark: {}\n' },
    });
    await expect(converge(w.rt, key)).rejects.toThrow(/needs the "python_function" flavor, but the model was saved with: spark/);
    expect(w.kube.objects.get('kserve-mlflow-models/mlflow-fraud-v1')).toEqual(served);
  });

  it('MLflow failing on the MLmodel read → mlflow_error (502, retried), nothing written, no Rejected', async () => {
    const w = world();
    w.mlflow.failNext('getModelVersionArtifact');
    await expect(converge(w.rt, key)).rejects.toMatchObject({ code: 'mlflow_error' });
    expect(w.kube.objects.size).toBe(0);
    expect(tagsOf(w)['kserve.status']).toBeUndefined();
  });

  it('MLflow failing on the MLmodel read for a service already as it should be → unchanged, no error (nothing would be written)', async () => {
    const deps = testDeps({ status_writeback: true });
    deps.mlflow.addVersion({ name: 'fraud', version: '1', source: 's3://b/fraud/1', tags: { deploy: 'true' } });
    await converge(createRuntime(deps), key);
    // A fresh process (nothing remembered) whose MLflow cannot read the artifact store now.
    const rt = createRuntime(deps);
    deps.mlflow.failNext('getModelVersionArtifact', 5);
    expect((await converge(rt, key)).action).toBe('unchanged');
  });

  it('MLFLOW_KSERVE_PREFLIGHT=off → a version without MLmodel is deployed, MLmodel never read', async () => {
    const w = world({ preflight: 'off' }, {});
    expect((await converge(w.rt, key)).action).toBe('created');
    expect(w.mlflow.calls.some((c) => c.op === 'getModelVersionArtifact')).toBe(false);
  });

  it('dry run of a version without MLmodel → the same refusal, no status written', async () => {
    const w = world({}, {});
    await expect(converge(w.rt, key, { dryRun: true })).rejects.toMatchObject({ code: 'preflight_failed' });
    expect(tagsOf(w)['kserve.status']).toBeUndefined();
  });

  it('an unchanged service → not refused again (nothing would be written); MLmodel read once per version and source', async () => {
    const w = world();
    await converge(w.rt, key);
    w.mlflow.files.set('fraud/1', {});
    expect((await converge(w.rt, key)).action).toBe('unchanged');
    expect(w.mlflow.calls.filter((c) => c.op === 'getModelVersionArtifact')).toHaveLength(1);
  });

  it('MLmodel values reach the template: flavor, python_version, mlflow_version, signature_inputs', async () => {
    const template = [
      'apiVersion: serving.kserve.io/v1beta1',
      'kind: InferenceService',
      'metadata:',
      '  name: {{name}}',
      '  namespace: {{namespace}}',
      '  annotations:',
      '    flavor: {{flavor}}',
      '    python: {{python_version}}',
      '    mlflow: {{mlflow_version}}',
      '    inputs: {{signature_inputs}}',
      'spec:',
      '  predictor:',
      '    model:',
      '      modelFormat: {name: mlflow}',
      '      protocolVersion: v2',
      '      storageUri: {{storage_uri}}',
      '',
    ].join('\n');
    const w = world({ inference_service_template: template }, { MLmodel: mlmodelFixture('sklearn-skops') });
    await converge(w.rt, key);
    expect(w.kube.objects.get('kserve-mlflow-models/mlflow-fraud-v1')!.metadata.annotations).toMatchObject({
      flavor: 'sklearn',
      python: '3.11.7',
      mlflow: '3.17.2',
      inputs: expect.stringMatching(/^sepal length \(cm\):double,/),
    });
  });
});

describe('converge → preflight against the cluster’s ServingRuntimes', () => {
  it('no runtime serves mlflow with v2 (the cluster has no MLServer) → 422 naming it, Rejected, nothing written', async () => {
    const w = world();
    w.kube.runtimes = w.kube.runtimes.filter((r) => r.name !== 'kserve-mlserver');
    await expect(converge(w.rt, key)).rejects.toMatchObject({
      code: 'preflight_failed',
      message: expect.stringContaining(
        'no ServingRuntime in kserve-mlflow-models and no ClusterServingRuntime supports model format "mlflow"',
      ),
    });
    expect(w.kube.objects.size).toBe(0);
    expect(tagsOf(w)['kserve.status']).toBe('Rejected');
  });

  it('a runtime override naming a runtime that does not exist → refused; a ServingRuntime of that name in the namespace → deployed', async () => {
    const w = world({ overrides_allowed: 'runtime' });
    w.mlflow.versions.get('fraud/1')!.tags['kserve.runtime'] = 'team-mlserver';
    await expect(converge(w.rt, key)).rejects.toThrow(
      /runtime "team-mlserver" is neither a ServingRuntime in kserve-mlflow-models nor a ClusterServingRuntime/,
    );
    w.kube.runtimes.push({ ...w.kube.runtimes[0]!, name: 'team-mlserver', kind: 'ServingRuntime', namespace: 'kserve-mlflow-models' });
    expect((await converge(w.rt, key)).action).toBe('created');
  });

  it('the API server failing the runtime list → kubernetes_error (retried), nothing written, not Rejected', async () => {
    const w = world();
    w.kube.failNext('servingRuntimes');
    await expect(converge(w.rt, key)).rejects.toMatchObject({ code: 'kubernetes_error' });
    expect(w.kube.objects.size).toBe(0);
    expect(tagsOf(w)['kserve.status']).toBeUndefined();
  });
});

describe('converge → the runtime chosen from the flavor (runtime_by_flavor)', () => {
  const formatOf = (w: ReturnType<typeof world>) =>
    (w.kube.objects.get('kserve-mlflow-models/mlflow-fraud-v1')!.spec as { predictor: { model: { modelFormat: { name: string } } } })
      .predictor.model.modelFormat.name;

  it('sklearn=sklearn and a pickled scikit-learn model → modelFormat sklearn', async () => {
    const w = world({ runtime_by_flavor: 'sklearn=sklearn' }, { MLmodel: mlmodelFixture('sklearn-pickle') });
    await converge(w.rt, key);
    expect(formatOf(w)).toBe('sklearn');
  });

  it("sklearn=sklearn and a model saved as skops (MLflow 3's default) → stays mlflow (MLServer loads it through pyfunc)", async () => {
    const w = world({ runtime_by_flavor: 'sklearn=sklearn' }, { MLmodel: mlmodelFixture('sklearn-skops') });
    await converge(w.rt, key);
    expect(formatOf(w)).toBe('mlflow');
  });

  it('no mapping → mlflow for a pickled scikit-learn model too', async () => {
    const w = world({}, { MLmodel: mlmodelFixture('sklearn-pickle') });
    await converge(w.rt, key);
    expect(formatOf(w)).toBe('mlflow');
  });

  it('a kserve.model_format=sklearn override on a skops model → 422 preflight_failed saying why and what to do', async () => {
    const w = world({ overrides_allowed: 'model_format' }, { MLmodel: mlmodelFixture('sklearn-skops') });
    w.mlflow.versions.get('fraud/1')!.tags['kserve.model_format'] = 'sklearn';
    await expect(converge(w.rt, key)).rejects.toMatchObject({
      code: 'preflight_failed',
      message: expect.stringContaining('the sklearn flavor was saved as skops (model.skops)'),
    });
    expect(w.kube.objects.size).toBe(0);
  });
});

describe('converge → registry metadata (metadata_tag_prefix)', () => {
  const annotationsOf = (w: ReturnType<typeof world>) => w.kube.objects.get('kserve-mlflow-models/mlflow-fraud-v1')!.metadata.annotations!;

  it("the model's and version's team.* tags and descriptions → annotations (a label where valid); a tag changed → updated in place; removed → its annotation gone", async () => {
    const w = world({ metadata_tag_prefix: 'team.' });
    w.mlflow.modelTags.set('fraud', { 'team.owner': 'fraud-squad', 'team.tier': 'gold' });
    w.mlflow.modelDescriptions.set('fraud', 'Scores card payments.');
    w.mlflow.versions.get('fraud/1')!.tags['team.tier'] = 'platinum';
    await converge(w.rt, key);
    expect(annotationsOf(w)).toMatchObject({
      'mlflow-kserve.io/tag.owner': 'fraud-squad',
      'mlflow-kserve.io/tag.tier': 'platinum',
      'mlflow-kserve.io/description': 'Scores card payments.',
      'mlflow-kserve.io/metadata-keys': 'tag.owner,tag.tier,description',
    });
    expect(w.kube.objects.get('kserve-mlflow-models/mlflow-fraud-v1')!.metadata.labels).toMatchObject({
      'mlflow-kserve.io/tag.owner': 'fraud-squad',
    });
    w.mlflow.modelTags.set('fraud', { 'team.owner': 'risk-squad' });
    expect((await converge(w.rt, key)).action).toBe('updated');
    expect(annotationsOf(w)['mlflow-kserve.io/tag.owner']).toBe('risk-squad');
    delete w.mlflow.versions.get('fraud/1')!.tags['team.tier'];
    expect((await converge(w.rt, key)).action).toBe('updated');
    expect(annotationsOf(w)['mlflow-kserve.io/metadata-keys']).toBe('tag.owner,description');
    expect((await converge(w.rt, key)).action).toBe('unchanged');
  });
});

describe('converge → an override removed in MLflow', () => {
  it('kserve.min_replicas removed → the service is updated (mlflow-kserve.io/overrides changes) and minReplicas is gone', async () => {
    const w = world({ overrides_allowed: 'min_replicas,max_replicas' });
    const tags = w.mlflow.versions.get('fraud/1')!.tags;
    tags['kserve.min_replicas'] = '1';
    tags['kserve.max_replicas'] = '3';
    await converge(w.rt, key);
    const stored = () => w.kube.objects.get('kserve-mlflow-models/mlflow-fraud-v1')!;
    expect(stored().metadata.annotations!['mlflow-kserve.io/overrides']).toBe('max_replicas,min_replicas');
    expect((stored().spec as { predictor: Record<string, unknown> }).predictor).toMatchObject({ minReplicas: 1, maxReplicas: 3 });
    delete tags['kserve.min_replicas'];
    expect((await converge(w.rt, key)).action).toBe('updated');
    expect(stored().metadata.annotations!['mlflow-kserve.io/overrides']).toBe('max_replicas');
    expect((stored().spec as { predictor: Record<string, unknown> }).predictor).not.toHaveProperty('minReplicas');
    expect((await converge(w.rt, key)).action).toBe('unchanged');
  });
});
