import { describe, expect, it } from 'vitest';
import { aliasKey, versionKey } from '../keys/deployment-key.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import { commitMessage } from './commit-message.js';

const isvc = (name: string, model: string, version: string, alias?: string): InferenceServiceManifest => ({
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: {
    name,
    namespace: 'models',
    labels: { 'managed-by': 'mlflow-kserve' },
    annotations: {
      'mlflow-kserve.io/model-name': model,
      'mlflow-kserve.io/model-version': version,
      ...(alias ? { 'mlflow-kserve.io/model-alias': alias } : {}),
    },
  },
  spec: {},
});
const path = (name: string) => `inference-services/models/${name}.yaml`;

describe('commitMessage', () => {
  it('a version deployed by a delivery → "deploy fraud v3 (deploy=true)", the file, and trailers naming model, version and delivery', () => {
    const message = commitMessage(
      [{ path: path('mlflow-fraud-v3'), before: null, after: isvc('mlflow-fraud-v3', 'fraud', '3') }],
      [{ key: versionKey('fraud', '3'), why: 'deploy=true', delivery: 'del-1' }],
    );
    expect(message).toBe(
      'deploy fraud v3 (deploy=true)\n\n- deploy fraud v3: inference-services/models/mlflow-fraud-v3.yaml\n\nMLflow-Model: fraud\nMLflow-Version: 3\nMLflow-Delivery: del-1\n',
    );
  });

  it('an alias moved → "move fraud@champion 3 → 4" with the alias trailer', () => {
    const message = commitMessage(
      [{ path: path('mlflow-fraud-champion'), before: isvc('x', 'fraud', '3', 'champion'), after: isvc('x', 'fraud', '4', 'champion') }],
      [{ key: aliasKey('fraud', 'champion') }],
    );
    expect(message.split('\n')[0]).toBe('move fraud@champion 3 → 4');
    expect(message).toContain('\nMLflow-Alias: champion\nMLflow-Version: 4\n');
  });

  it('a version removed → "remove fraud v3 (why)"; an alias removed → says the version it served', () => {
    expect(
      commitMessage(
        [{ path: path('mlflow-fraud-v3'), before: isvc('x', 'fraud', '3'), after: null }],
        [{ key: versionKey('fraud', '3'), why: 'the version no longer exists in MLflow' }],
      ).split('\n')[0],
    ).toBe('remove fraud v3 (the version no longer exists in MLflow)');
    expect(
      commitMessage(
        [{ path: path('c'), before: isvc('c', 'fraud', '4', 'champion'), after: null }],
        [{ key: aliasKey('fraud', 'champion') }],
      ).split('\n')[0],
    ).toBe('remove fraud@champion (was v4)');
  });

  it('same version rewritten (a template change) → "update fraud v3"', () => {
    expect(
      commitMessage([{ path: path('v3'), before: isvc('v3', 'fraud', '3'), after: isvc('v3', 'fraud', '3') }], []).split('\n')[0],
    ).toBe('update fraud v3');
  });

  it('one key in two files (a namespace move) → its subject with the file count', () => {
    const message = commitMessage(
      [
        { path: 'inference-services/a/v3.yaml', before: null, after: isvc('v3', 'fraud', '3') },
        { path: path('v3'), before: isvc('v3', 'fraud', '3'), after: null },
      ],
      [{ key: versionKey('fraud', '3'), why: 'deploy=true' }],
    );
    expect(message.split('\n')[0]).toBe('deploy fraud v3 (deploy=true) (2 files)');
  });

  it('a reconcile of several keys → "reconcile: 2 deployed, 1 removed", a line per file, trailers for each', () => {
    const message = commitMessage(
      [
        { path: path('a'), before: null, after: isvc('a', 'a', '1') },
        { path: path('b'), before: null, after: isvc('b', 'b', '2') },
        { path: path('c'), before: isvc('c', 'c', '5'), after: null },
      ],
      [{ trigger: 'reconcile' }, { key: versionKey('a', '1') }],
    );
    const [subject, blank, ...rest] = message.split('\n');
    expect(subject).toBe('reconcile: 2 deployed, 1 removed');
    expect(blank).toBe('');
    expect(rest).toContain('- remove c v5: inference-services/models/c.yaml');
    expect(rest).toEqual(expect.arrayContaining(['MLflow-Model: a', 'MLflow-Model: b', 'MLflow-Model: c']));
  });

  it('a why or delivery id with line breaks → kept on one line (no forged trailers)', () => {
    const message = commitMessage(
      [{ path: path('a'), before: null, after: isvc('a', 'a', '1') }],
      [{ key: versionKey('a', '1'), why: 'x\nMLflow-Model: evil', delivery: 'd\r\nSigned-off-by: x' }],
    );
    expect(message.split('\n')[0]).toBe('deploy a v1 (x MLflow-Model: evil)');
    expect(message).toContain('\nMLflow-Delivery: d Signed-off-by: x\n');
    expect(message).not.toContain('\nMLflow-Model: evil');
  });
});
