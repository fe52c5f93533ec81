import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPullableUri, resolveStorageUri } from './resolve-storage-uri.js';

describe('resolveStorageUri', () => {
  it.each([
    ['s3 download uri, one trailing /', { downloadUri: 's3://bucket/1/abc/artifacts/model//' }, 's3://bucket/1/abc/artifacts/model/'],
    ['gs source when no download uri', { source: 'gs://b/m/' }, 'gs://b/m'],
    ['https', { downloadUri: 'https://host/path/model' }, 'https://host/path/model'],
    ['pvc', { source: 'pvc://models/iris' }, 'pvc://models/iris'],
    ['hf', { source: 'hf://org/model' }, 'hf://org/model'],
    [
      'mlflow-artifacts:/ onto the base',
      { downloadUri: 'mlflow-artifacts:/1/models/m-abc/artifacts', storageUriBase: 's3://mlflow/' },
      's3://mlflow/1/models/m-abc/artifacts/',
    ],
    [
      'mlflow-artifacts://host/ onto the base',
      { downloadUri: 'mlflow-artifacts://mlflow:5000/1/x/artifacts', storageUriBase: 'gs://b' },
      'gs://b/1/x/artifacts',
    ],
    [
      'runs:/ through the run artifact uri',
      { source: 'runs:/abc/model', runArtifactUri: 's3://b/1/abc/artifacts' },
      's3://b/1/abc/artifacts/model/',
    ],
    [
      'runs:/ whose run lives in mlflow-artifacts',
      { source: 'runs:/abc/model', runArtifactUri: 'mlflow-artifacts:/1/abc/artifacts', storageUriBase: 's3://b' },
      's3://b/1/abc/artifacts/model/',
    ],
    [
      'Azure wasbs',
      { downloadUri: 'wasbs://models@acct.blob.core.windows.net/1/iris' },
      'https://acct.blob.core.windows.net/models/1/iris',
    ],
    [
      'models:/ source with a download uri',
      { source: 'models:/m-0123', downloadUri: 's3://b/models/m-0123/artifacts' },
      's3://b/models/m-0123/artifacts/',
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

describe('resolveStorageUri, every scheme it resolves', () => {
  const segment = fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/);
  const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));
  const slashes = fc.constantFrom('', '/', '//');
  const pullable = fc.constantFrom('s3', 'gs', 'https', 'http', 'pvc', 'hf', 'oci', 'hdfs', 'webhdfs', 'file');
  // Each way MLflow can name a version's files, with the folder KServe should pull (before its shaping).
  const facts = fc.oneof(
    fc.tuple(pullable, segment, path, slashes, fc.boolean()).map(([scheme, host, p, tail, asSource]) => ({
      facts: asSource ? { source: `${scheme}://${host}/${p}${tail}` } : { downloadUri: `${scheme}://${host}/${p}${tail}` },
      folder: `${scheme}://${host}/${p}`,
    })),
    fc.tuple(pullable, segment, path, slashes, slashes).map(([scheme, host, p, baseTail, tail]) => ({
      facts: { downloadUri: `mlflow-artifacts:/${p}${tail}`, storageUriBase: `${scheme}://${host}${baseTail}` },
      folder: `${scheme}://${host}/${p}`,
    })),
    fc.tuple(pullable, segment, path, segment, slashes).map(([scheme, host, p, artifact, tail]) => ({
      facts: { source: `runs:/run1/${artifact}${tail}`, runArtifactUri: `${scheme}://${host}/${p}${tail}` },
      folder: `${scheme}://${host}/${p}/${artifact}`,
    })),
    fc.tuple(segment, segment, path, slashes).map(([container, account, p, tail]) => ({
      facts: { downloadUri: `wasbs://${container}@${account}.blob.core.windows.net/${p}${tail}` },
      folder: `https://${account}.blob.core.windows.net/${container}/${p}`,
    })),
  );

  it('any resolvable facts → the folder, ending in exactly one / for s3 and in none otherwise', () => {
    fc.assert(
      fc.property(facts, ({ facts: f, folder }) => {
        const uri = resolveStorageUri(f);
        expect(uri).toBe(/^s3:/.test(folder) ? `${folder}/` : folder);
        expect(uri).not.toMatch(/\/\/$/);
      }),
    );
  });

  it('its own answer resolved again → the same URI (a stored storageUri never drifts)', () => {
    fc.assert(
      fc.property(facts, ({ facts: f }) => {
        const uri = resolveStorageUri(f);
        expect(resolveStorageUri({ downloadUri: uri })).toBe(uri);
      }),
    );
  });
});
