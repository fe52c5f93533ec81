import { describe, expect, it } from 'vitest';
import { adoptUpdateFields } from './adopt-update-fields.js';

const update = (fieldsV1: Record<string, unknown>, manager = 'mlflow-kserve') => ({
  manager,
  operation: 'Update',
  apiVersion: 'serving.kserve.io/v1beta1',
  time: '2026-12-03T19:00:00Z',
  fieldsType: 'FieldsV1',
  fieldsV1,
});

describe('adoptUpdateFields', () => {
  it("a create's Update entry → the same fields as the manager's Apply entry; other managers' entries kept", () => {
    const kserve = update({ 'f:status': {} }, 'kserve-controller');
    expect(adoptUpdateFields([update({ 'f:metadata': { 'f:annotations': { 'f:a': {} } } }), kserve], 'mlflow-kserve')).toEqual([
      kserve,
      { ...update({ 'f:metadata': { 'f:annotations': { 'f:a': {} } } }), operation: 'Apply' },
    ]);
  });

  it('an Update and an Apply entry of the manager → one Apply entry holding the union of both', () => {
    const apply = { ...update({ 'f:spec': { 'f:predictor': { 'f:minReplicas': {} } } }), operation: 'Apply' };
    const adopted = adoptUpdateFields(
      [apply, update({ 'f:spec': { 'f:predictor': { 'f:maxReplicas': {} } }, 'f:metadata': {} })],
      'mlflow-kserve',
    );
    expect(adopted).toEqual([
      { ...apply, fieldsV1: { 'f:spec': { 'f:predictor': { 'f:minReplicas': {}, 'f:maxReplicas': {} } }, 'f:metadata': {} } },
    ]);
  });

  it('nothing of the manager as Update (only Apply, another manager, a status subresource write) → undefined', () => {
    expect(adoptUpdateFields([{ ...update({}), operation: 'Apply' }], 'mlflow-kserve')).toBeUndefined();
    expect(adoptUpdateFields([update({}, 'kubectl')], 'mlflow-kserve')).toBeUndefined();
    expect(adoptUpdateFields([{ ...update({}), subresource: 'status' }], 'mlflow-kserve')).toBeUndefined();
    expect(adoptUpdateFields(undefined, 'mlflow-kserve')).toBeUndefined();
  });
});
