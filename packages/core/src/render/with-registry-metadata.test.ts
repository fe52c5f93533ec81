import { describe, expect, it } from 'vitest';
import type { InferenceServiceManifest } from './inference-service-manifest.js';
import { withRegistryMetadata } from './with-registry-metadata.js';

const manifest: InferenceServiceManifest = {
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: { name: 'mlflow-fraud-v1', namespace: 'models', labels: { 'managed-by': 'mlflow-kserve' }, annotations: { a: 'b' } },
  spec: {},
};
const copy = (over: Partial<Parameters<typeof withRegistryMetadata>[1]>) =>
  withRegistryMetadata(manifest, { prefix: 'team.', modelTags: {}, versionTags: {}, ...over });

describe('withRegistryMetadata', () => {
  it("tags under the prefix → annotations mlflow-kserve.io/tag.<name>, the version's winning; labels where the value is a valid label value", () => {
    const { manifest: m, skipped } = copy({
      modelTags: { 'team.owner': 'fraud-squad', 'team.cost-center': 'CC 42 / EU', other: 'x' },
      versionTags: { 'team.owner': 'fraud-squad-2', deploy: 'true' },
    });
    expect(m.metadata.annotations).toEqual({
      a: 'b',
      'mlflow-kserve.io/tag.owner': 'fraud-squad-2',
      'mlflow-kserve.io/tag.cost-center': 'CC 42 / EU',
      'mlflow-kserve.io/metadata-keys': 'tag.cost-center,tag.owner',
    });
    expect(m.metadata.labels).toEqual({ 'managed-by': 'mlflow-kserve', 'mlflow-kserve.io/tag.owner': 'fraud-squad-2' });
    expect(skipped).toEqual([]);
  });

  it('descriptions → annotations, listed in metadata-keys; nothing copied → metadata-keys empty (so removing the last one is a change)', () => {
    expect(copy({ modelDescription: 'Fraud model.\nSee the wiki.', versionDescription: 'v1' }).manifest.metadata.annotations).toMatchObject(
      {
        'mlflow-kserve.io/description': 'Fraud model.\nSee the wiki.',
        'mlflow-kserve.io/version-description': 'v1',
        'mlflow-kserve.io/metadata-keys': 'description,version-description',
      },
    );
    expect(copy({}).manifest.metadata.annotations).toEqual({ a: 'b', 'mlflow-kserve.io/metadata-keys': '' });
  });

  it('a tag name that cannot be a Kubernetes key (spaces, a trailing dot, > 59 characters) → skipped and returned', () => {
    const long = `team.${'x'.repeat(60)}`;
    const { manifest: m, skipped } = copy({ versionTags: { 'team.has space': '1', 'team.dot.': '2', [long]: '3', 'team.ok': '4' } });
    expect(skipped.sort()).toEqual(['team.dot.', 'team.has space', long].sort());
    expect(m.metadata.annotations!['mlflow-kserve.io/metadata-keys']).toBe('tag.ok');
  });

  it('a value over 4,096 characters → cut with an ellipsis; YAML-looking and multi-line values stay plain strings', () => {
    const { manifest: m } = copy({ versionTags: { 'team.notes': 'y'.repeat(5000), 'team.flag': 'yes', 'team.doc': 'a: b\n- c' } });
    expect(m.metadata.annotations!['mlflow-kserve.io/tag.notes']).toHaveLength(4096);
    expect(m.metadata.annotations!['mlflow-kserve.io/tag.notes']!.endsWith('…')).toBe(true);
    expect(m.metadata.annotations!['mlflow-kserve.io/tag.flag']).toBe('yes');
    expect(m.metadata.annotations!['mlflow-kserve.io/tag.doc']).toBe('a: b\n- c');
    expect(m.metadata.labels!['mlflow-kserve.io/tag.flag']).toBe('yes');
    expect(m.metadata.labels).not.toHaveProperty('mlflow-kserve.io/tag.doc');
  });
});
