import { describe, expect, it } from 'vitest';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import { aliasKey, versionKey } from '../keys/deployment-key.js';
import { planStep } from './plan-step.js';

const isvc = (
  annotations: Record<string, string> | null,
  spec: Record<string, unknown> = { predictor: { model: { storageUri: 's3://b/1' } } },
) =>
  ({
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name: 'n',
      namespace: 'ns',
      labels: annotations ? { 'managed-by': 'mlflow-kserve' } : {},
      annotations: annotations ?? {},
      resourceVersion: '7',
      uid: 'uid-n',
    },
    spec,
  }) as InferenceServiceManifest;
const version = (model: string, v: string) => ({ 'mlflow-kserve.io/model-name': model, 'mlflow-kserve.io/model-version': v });
const alias = (model: string, a: string, v: string) => ({ ...version(model, v), 'mlflow-kserve.io/model-alias': a });
const spec = (uri: string, extra: Record<string, unknown> = {}) => ({ predictor: { model: { storageUri: uri }, ...extra } });

describe('planStep', () => {
  const key = versionKey('m', '1');
  it.each([
    ['wanted, missing', isvc(version('m', '1')), null, 'create'],
    ['wanted, identical', isvc(version('m', '1')), isvc(version('m', '1')), 'unchanged'],
    ['wanted, storage differs', isvc(version('m', '1'), spec('s3://b/2')), isvc(version('m', '1')), 'update'],
    ['wanted, storage differs only in its trailing /', isvc(version('m', '1'), spec('s3://b/1/')), isvc(version('m', '1')), 'unchanged'],
    [
      'wanted, trailing / and a new resource',
      isvc(version('m', '1'), spec('s3://b/1/', { minReplicas: 2 })),
      isvc(version('m', '1')),
      'update',
    ],
    ['not wanted, ours', null, isvc(version('m', '1')), 'delete'],
    ['not wanted, missing', null, null, 'unchanged'],
    ['wanted, name used by another version', isvc(version('m', '1')), isvc(version('m', '2')), 'conflict'],
    ['wanted, name used by an alias service', isvc(version('m', '1')), isvc(alias('m', 'champion', '1')), 'conflict'],
    ['not wanted, name used by a foreign service', null, isvc(null), 'conflict'],
    ['wanted, managed label without annotations', isvc(version('m', '1')), isvc({}), 'conflict'],
  ] as const)('version key: %s → %s', (_name, desired, existing, expected) => {
    expect(planStep(key, desired, existing).type).toBe(expected);
  });

  it('update → carries the live resourceVersion; delete → carries the uid', () => {
    expect(planStep(key, isvc(version('m', '1'), spec('s3://b/2')), isvc(version('m', '1')))).toMatchObject({
      type: 'update',
      resourceVersion: '7',
    });
    expect(planStep(key, null, isvc(version('m', '1')))).toEqual({ type: 'delete', uid: 'uid-n' });
  });

  const champion = aliasKey('m', 'champion');
  it('alias moved from 1 to 2 → update of the same service, no canary when unset', () => {
    const step = planStep(champion, isvc(alias('m', 'champion', '2'), spec('s3://b/2')), isvc(alias('m', 'champion', '1')));
    expect(step.type).toBe('update');
    expect((step as any).manifest.spec.predictor.canaryTrafficPercent).toBeUndefined();
  });

  it('desired without the canary share the live service has → update (a dropped field is seen)', () => {
    const live = isvc(alias('m', 'champion', '2'), spec('s3://b/2', { canaryTrafficPercent: 10 }));
    const step = planStep(champion, isvc(alias('m', 'champion', '2'), spec('s3://b/2')), live);
    expect(step.type).toBe('update');
    expect((step as any).manifest.spec.predictor).not.toHaveProperty('canaryTrafficPercent');
  });

  it('desired with the canary share the live service has → unchanged', () => {
    const live = isvc(alias('m', 'champion', '2'), spec('s3://b/2', { canaryTrafficPercent: 10 }));
    expect(planStep(champion, isvc(alias('m', 'champion', '2'), spec('s3://b/2', { canaryTrafficPercent: 10 })), live).type).toBe(
      'unchanged',
    );
  });

  it('alias key, service of another alias at the name → conflict', () => {
    expect(planStep(champion, isvc(alias('m', 'champion', '1')), isvc(alias('m', 'challenger', '1'))).type).toBe('conflict');
  });
});
