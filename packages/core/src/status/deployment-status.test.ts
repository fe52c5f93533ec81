import { describe, expect, it } from 'vitest';
import { deploymentStatus } from './deployment-status.js';
import { aliasKey, versionKey } from '../keys/deployment-key.js';
import { statusTagsFor, tagChanges } from './status-tags.js';

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

describe('statusTagsFor', () => {
  const ready = { state: 'Ready', url: 'http://u', message: undefined } as const;
  const removed = { state: 'Removed', url: undefined, message: undefined } as const;

  it("version key, Ready → the version's own tags: status, url, inference_service, no message, no manifest", () => {
    const { place, tags } = statusTagsFor(versionKey('iris', '3'), 'kserve.', { status: ready, service: 'ns/n', servedVersion: '3' });
    expect(place.on).toEqual({ model: 'iris', version: '3' });
    expect(tags).toEqual({
      'kserve.inference_service': 'ns/n',
      'kserve.url': 'http://u',
      'kserve.message': null,
      'kserve.manifest': null,
      'kserve.commit': null,
      'kserve.status': 'Ready',
    });
  });

  it('alias key, Ready → registered-model tags under the alias, with the version served', () => {
    const { place, tags } = statusTagsFor(aliasKey('iris', 'champion'), 'kserve.', { status: ready, service: 'ns/n', servedVersion: '4' });
    expect(place.on).toEqual({ model: 'iris' });
    expect(tags).toEqual({
      'kserve.champion.inference_service': 'ns/n',
      'kserve.champion.url': 'http://u',
      'kserve.champion.message': null,
      'kserve.champion.version': '4',
      'kserve.champion.manifest': null,
      'kserve.champion.commit': null,
      'kserve.champion.rollout': null,
      'kserve.champion.status': 'Ready',
    });
  });

  it('Removed → only the state is left: no tag names a service that does not exist', () => {
    const { tags } = statusTagsFor(aliasKey('iris', 'champion'), 'kserve.', { status: removed, service: 'ns/n', servedVersion: '4' });
    expect(tags).toEqual({
      'kserve.champion.inference_service': null,
      'kserve.champion.url': null,
      'kserve.champion.message': null,
      'kserve.champion.version': null,
      'kserve.champion.manifest': null,
      'kserve.champion.commit': null,
      'kserve.champion.rollout': null,
      'kserve.champion.status': 'Removed',
    });
  });

  it('Rejected → state and message only (what still serves stays described)', () => {
    const status = { state: 'Rejected', url: undefined, message: 'kserve.max_replicas 99 > 10' } as const;
    expect(statusTagsFor(versionKey('iris', '3'), 'kserve.', { status, service: undefined, servedVersion: undefined }).tags).toEqual({
      'kserve.message': 'kserve.max_replicas 99 > 10',
      'kserve.status': 'Rejected',
    });
  });
});

describe('tagChanges', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  it('nothing changed → no change at all (no updated_at); one value changed → it and updated_at; removal only of existing tags', () => {
    const desired = { 'kserve.status': 'Ready', 'kserve.url': 'http://u', 'kserve.message': null };
    expect(tagChanges(desired, { 'kserve.status': 'Ready', 'kserve.url': 'http://u' }, 'kserve.updated_at', now)).toEqual({});
    expect(
      tagChanges(desired, { 'kserve.status': 'Pending', 'kserve.url': 'http://u', 'kserve.message': 'old' }, 'kserve.updated_at', now),
    ).toEqual({
      'kserve.status': 'Ready',
      'kserve.message': null,
      'kserve.updated_at': '2026-11-27T12:00:00.000Z',
    });
  });
});
