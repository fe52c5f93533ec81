import { describe, expect, it } from 'vitest';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { fileBody, manifestFileName, parseManifestFile } from './manifest-file.js';

describe('manifestFileName', () => {
  it('DNS-label namespace and name → <namespace>/<name>.yaml', () => {
    expect(manifestFileName('models', 'mlflow-iris-v3', 'kubernetes_error')).toBe('models/mlflow-iris-v3.yaml');
  });

  it.each([
    ['..', 'x'],
    ['models', '../etc'],
    ['models', 'a/b'],
    ['Models', 'a'],
    ['models', ''],
  ])('%s/%s → refused with the given code, not retryable', (namespace, name) => {
    let caught: unknown;
    try {
      manifestFileName(namespace, name, 'git_error');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MlflowKserveError);
    expect((caught as MlflowKserveError).code).toBe('git_error');
    expect((caught as MlflowKserveError).retryable).toBe(false);
  });
});

describe('parseManifestFile', () => {
  it('one document with metadata.name → the object', () => {
    expect(parseManifestFile('kind: InferenceService\nmetadata: {name: a}\n')?.metadata.name).toBe('a');
  });

  it.each([
    ['two documents', 'metadata: {name: a}\n---\nmetadata: {name: b}\n'],
    ['no name', 'metadata: {}\n'],
    ['a scalar', 'hello\n'],
    ['broken YAML', 'metadata: {name: a\n'],
    ['empty', ''],
  ])('%s → undefined', (_, text) => {
    expect(parseManifestFile(text)).toBeUndefined();
  });
});

describe('fileBody', () => {
  it('a live object → without status and the fields the API server owns; the input untouched', () => {
    const live = {
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: { name: 'a', namespace: 'models', resourceVersion: '7', uid: 'u', generation: 2, labels: { x: 'y' } },
      spec: { predictor: {} },
      status: { url: 'http://a' },
    };
    const body = fileBody(live as never);
    expect(body).toEqual({
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: { name: 'a', namespace: 'models', labels: { x: 'y' } },
      spec: { predictor: {} },
    });
    expect(live.status).toBeDefined();
    expect(live.metadata.resourceVersion).toBe('7');
  });
});
