import { describe, expect, it } from 'vitest';
import { summarizeStatus } from './summarize-status.js';

const isvc = (status?: Record<string, unknown>) => ({
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: { name: 'a', namespace: 'n' },
  ...(status ? { status } : {}),
});

describe('summarizeStatus', () => {
  it('no status → Unknown', () => {
    expect(summarizeStatus(isvc()).state).toBe('Unknown');
  });

  it('Ready True with url and loaded model → Ready, url, Loaded', () => {
    const summary = summarizeStatus(
      isvc({
        url: 'http://a.example.com',
        conditions: [
          { type: 'PredictorReady', status: 'True' },
          { type: 'Ready', status: 'True' },
        ],
        modelStatus: { states: { activeModelState: 'Loaded' } },
      }),
    );
    expect(summary).toMatchObject({ state: 'Ready', url: 'http://a.example.com', modelState: 'Loaded' });
  });

  it('Ready False with a failing PredictorReady → NotReady with its reason', () => {
    const summary = summarizeStatus(
      isvc({
        conditions: [
          { type: 'PredictorReady', status: 'False', reason: 'ModelLoadFailed', message: 'no MLmodel' },
          { type: 'Ready', status: 'False' },
        ],
        modelStatus: {
          states: { activeModelState: 'FailedToLoad' },
          lastFailureInfo: { reason: 'ModelLoadFailed', message: 'no MLmodel' },
        },
      }),
    );
    expect(summary).toMatchObject({
      state: 'NotReady',
      reason: 'ModelLoadFailed',
      message: 'no MLmodel',
      modelState: 'FailedToLoad',
      lastFailure: { reason: 'ModelLoadFailed' },
    });
  });

  it('cluster-local address only → url from address.url', () => {
    expect(
      summarizeStatus(isvc({ address: { url: 'http://a.n.svc.cluster.local' }, conditions: [{ type: 'Ready', status: 'Unknown' }] })),
    ).toMatchObject({ state: 'Unknown', url: 'http://a.n.svc.cluster.local' });
  });
});
