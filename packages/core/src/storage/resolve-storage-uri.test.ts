import { describe, expect, it } from 'vitest';
import { isPullableUri, resolveStorageUri } from './resolve-storage-uri.js';

describe('resolveStorageUri', () => {
  it.each([
    ['s3 download uri', { downloadUri: 's3://bucket/1/abc/artifacts/model/' }, 's3://bucket/1/abc/artifacts/model'],
    ['gs source when no download uri', { source: 'gs://b/m' }, 'gs://b/m'],
    ['https', { downloadUri: 'https://host/path/model' }, 'https://host/path/model'],
    ['pvc', { source: 'pvc://models/iris' }, 'pvc://models/iris'],
    ['hf', { source: 'hf://org/model' }, 'hf://org/model'],
    [
      'mlflow-artifacts:/ onto the base',
      { downloadUri: 'mlflow-artifacts:/1/models/m-abc/artifacts', storageUriBase: 's3://mlflow/' },
      's3://mlflow/1/models/m-abc/artifacts',
    ],
    [
      'mlflow-artifacts://host/ onto the base',
      { downloadUri: 'mlflow-artifacts://mlflow:5000/1/x/artifacts', storageUriBase: 'gs://b' },
      'gs://b/1/x/artifacts',
    ],
    [
      'runs:/ through the run artifact uri',
      { source: 'runs:/abc/model', runArtifactUri: 's3://b/1/abc/artifacts' },
      's3://b/1/abc/artifacts/model',
    ],
    [
      'runs:/ whose run lives in mlflow-artifacts',
      { source: 'runs:/abc/model', runArtifactUri: 'mlflow-artifacts:/1/abc/artifacts', storageUriBase: 's3://b' },
      's3://b/1/abc/artifacts/model',
    ],
    [
      'Azure wasbs',
      { downloadUri: 'wasbs://models@acct.blob.core.windows.net/1/iris' },
      'https://acct.blob.core.windows.net/models/1/iris',
    ],
    [
      'models:/ source with a download uri',
      { source: 'models:/m-0123', downloadUri: 's3://b/models/m-0123/artifacts' },
      's3://b/models/m-0123/artifacts',
    ],
  ])('%s → %s', (_name, facts, expected) => {
    expect(resolveStorageUri(facts)).toBe(expected);
  });

  it.each([
    ['models:/ without a download uri', { source: 'models:/m-0123' }, /models:\/m-0123.*get-download-uri/],
    ['mlflow-artifacts without a base', { downloadUri: 'mlflow-artifacts:/1/x' }, /MLFLOW_KSERVE_STORAGE_URI_BASE/],
    ['runs:/ without the run', { source: 'runs:/abc/model' }, /runs:\/abc\/model/],
    ['an unknown scheme', { source: 'ftp://x/y' }, /ftp:\/\/x\/y.*scheme/],
    ['nothing at all', {}, /neither a download URI nor a source/],
  ])('%s → storage_uri_unusable naming the URI', (_name, facts, message) => {
    expect(() => resolveStorageUri(facts)).toThrow(message);
  });
});

describe('isPullableUri', () => {
  it.each([
    ['s3://b/m', true],
    [' gs://b/m', true],
    ['hf://org/model', true],
    ['models:/m-0123', false],
    ['mlflow-artifacts:/1/x', false],
    ['runs:/abc/model', false],
    [undefined, false],
  ] as const)('isPullableUri(%j) → %s', (uri, expected) => {
    expect(isPullableUri(uri)).toBe(expected);
  });
});
