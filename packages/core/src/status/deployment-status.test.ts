import { describe, expect, it } from 'vitest';
import { deploymentStatus } from './deployment-status.js';
import { aliasStatusTags, tagChanges, versionStatusTags } from './status-tags.js';

const isvc = (status: Record<string, unknown> | undefined) => ({
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: { name: 'n', namespace: 'ns' },
  spec: {},
  ...(status ? { status } : {}),
});
const ready = (s: 'True' | 'False', extra: Record<string, unknown> = {}) => ({ conditions: [{ type: 'Ready', status: s }], ...extra });

describe('deploymentStatus', () => {
  it.each([
    ['no InferenceService', null, { state: 'Removed', url: undefined, message: undefined }],
    ['no status yet', isvc(undefined), { state: 'Pending', url: undefined, message: undefined }],
    [
      'Ready=True with a URL',
      isvc(ready('True', { url: 'http://iris.example.com' })),
      { state: 'Ready', url: 'http://iris.example.com', message: undefined },
    ],
    [
      'Ready=False, predictor still rolling out',
      isvc({
        conditions: [
          { type: 'Ready', status: 'False' },
          { type: 'PredictorReady', status: 'False', reason: 'RevisionMissing', message: 'Configuration is waiting for a Revision' },
        ],
      }),
      { state: 'Pending', url: undefined, message: 'RevisionMissing: Configuration is waiting for a Revision' },
    ],
    [
      'Ready=False, model failed to load',
      isvc(
        ready('False', {
          modelStatus: {
            transitionStatus: 'BlockedByFailedLoad',
            states: { activeModelState: 'FailedToLoad' },
            lastFailureInfo: { reason: 'ModelLoadFailed', message: "open '/mnt/models/MLmodel': no such file" },
          },
        }),
      ),
      { state: 'Failed', url: undefined, message: "ModelLoadFailed: open '<path>': no such file" },
    ],
  ] as const)('%s → %j', (_name, object, expected) => {
    expect(deploymentStatus(object as never)).toEqual(expected);
  });

  it('a 2,000-character failure message → cut to 500', () => {
    const object = isvc(
      ready('False', { modelStatus: { transitionStatus: 'InvalidSpec', lastFailureInfo: { reason: 'R', message: 'x'.repeat(2000) } } }),
    );
    expect(deploymentStatus(object as never).message).toHaveLength(500);
  });
});

describe('status tags', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  it('Ready → status, url, inference_service; no message', () => {
    expect(versionStatusTags('kserve.', { state: 'Ready', url: 'http://u', message: undefined }, 'ns/n')).toEqual({
      'kserve.status': 'Ready',
      'kserve.url': 'http://u',
      'kserve.inference_service': 'ns/n',
      'kserve.message': null,
    });
    expect(aliasStatusTags('kserve.', 'champion', { state: 'Removed', url: undefined, message: undefined })).toEqual({
      'kserve.champion.status': 'Removed',
      'kserve.champion.url': null,
    });
  });

  it('tagChanges: nothing changed → no change at all (no updated_at); one value changed → it and updated_at; removal only of existing tags', () => {
    const desired = { 'kserve.status': 'Ready', 'kserve.url': 'http://u', 'kserve.message': null };
    expect(tagChanges(desired, { 'kserve.status': 'Ready', 'kserve.url': 'http://u' }, 'kserve.', now)).toEqual({});
    expect(tagChanges(desired, { 'kserve.status': 'Pending', 'kserve.url': 'http://u', 'kserve.message': 'old' }, 'kserve.', now)).toEqual({
      'kserve.status': 'Ready',
      'kserve.message': null,
      'kserve.updated_at': '2026-11-27T12:00:00.000Z',
    });
  });
});
