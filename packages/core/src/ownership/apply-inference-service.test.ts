import { describe, expect, it } from 'vitest';
import { InMemoryKube } from '../testing/in-memory-kube.js';
import { applyInferenceService, deleteInferenceService } from './apply-inference-service.js';
import { ownedFieldsEqual } from './owned-fields-equal.js';

const manifest = (storageUri = 's3://b/m') => ({
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: { name: 'mlflow-m-v1', namespace: 'ns', labels: { 'mlflow.model': 'm' } },
  spec: { predictor: { model: { modelFormat: { name: 'mlflow' }, storageUri } } },
});
const owner = { model: 'm', version: '1' };

describe('applyInferenceService', () => {
  it('nothing there → created, with ownership label and annotations', async () => {
    const kube = new InMemoryKube();
    expect(await applyInferenceService(kube, manifest(), owner)).toBe('created');
    const stored = kube.objects.get('ns/mlflow-m-v1')!;
    expect(stored.metadata.labels).toMatchObject({ 'managed-by': 'mlflow-kserve', 'mlflow.model': 'm' });
    expect(stored.metadata.annotations).toEqual({ 'mlflow-kserve.io/model-name': 'm', 'mlflow-kserve.io/model-version': '1' });
  });

  it('same manifest again → unchanged, no second write', async () => {
    const kube = new InMemoryKube();
    await applyInferenceService(kube, manifest(), owner);
    expect(await applyInferenceService(kube, manifest(), owner)).toBe('unchanged');
    expect(kube.writes).toBe(1);
  });

  it('KServe added defaults → still unchanged', async () => {
    const kube = new InMemoryKube({
      mutate: (o) => ({
        ...o,
        metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, 'serving.kserve.io/deploymentMode': 'Knative' } },
        spec: { ...o.spec, predictor: { ...(o.spec as any).predictor, minReplicas: 1 } },
      }),
    });
    await applyInferenceService(kube, manifest(), owner);
    expect(await applyInferenceService(kube, manifest(), owner)).toBe('unchanged');
  });

  it('changed storage URI → updated', async () => {
    const kube = new InMemoryKube();
    await applyInferenceService(kube, manifest(), owner);
    expect(await applyInferenceService(kube, manifest('s3://b/other'), owner)).toBe('updated');
  });

  it('same name not managed by us → name_conflict, nothing written', async () => {
    const kube = new InMemoryKube();
    kube.objects.set('ns/mlflow-m-v1', { ...manifest(), metadata: { name: 'mlflow-m-v1', namespace: 'ns' } });
    await expect(applyInferenceService(kube, manifest(), owner)).rejects.toMatchObject({ code: 'name_conflict', retryable: false });
    expect(kube.writes).toBe(0);
  });

  it('same name recording another model → name_conflict', async () => {
    const kube = new InMemoryKube();
    await applyInferenceService(kube, manifest(), { model: 'M', version: '1' });
    await expect(applyInferenceService(kube, manifest(), owner)).rejects.toMatchObject({ code: 'name_conflict' });
  });
});

describe('deleteInferenceService', () => {
  it('ours → deleted; again → absent', async () => {
    const kube = new InMemoryKube();
    await applyInferenceService(kube, manifest(), owner);
    expect(await deleteInferenceService(kube, 'ns', 'mlflow-m-v1', owner)).toBe('deleted');
    expect(await deleteInferenceService(kube, 'ns', 'mlflow-m-v1', owner)).toBe('absent');
  });

  it('someone else’s → name_conflict, not deleted', async () => {
    const kube = new InMemoryKube();
    kube.objects.set('ns/mlflow-m-v1', { ...manifest(), metadata: { name: 'mlflow-m-v1', namespace: 'ns' } });
    await expect(deleteInferenceService(kube, 'ns', 'mlflow-m-v1', owner)).rejects.toMatchObject({ code: 'name_conflict' });
    expect(kube.objects.size).toBe(1);
  });
});

describe('ownedFieldsEqual', () => {
  it('list of different length → not equal', () => {
    const a = { metadata: {}, spec: { x: [1, 2] } };
    expect(ownedFieldsEqual(a, { metadata: {}, spec: { x: [1, 2, 3] } })).toBe(false);
    expect(ownedFieldsEqual(a, { metadata: {}, spec: { x: [1, 2], y: 1 } })).toBe(true);
  });
});
