import { describe, expect, it } from 'vitest';
import { mlmodelFixture } from '../../../../test/fixtures.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import { parseMlmodel } from './parse-mlmodel.js';
import { type PreflightInput, preflightProblems } from './preflight-problems.js';

const messages = (input: PreflightInput) => preflightProblems(input).map((p) => p.message);
const reasons = (input: PreflightInput) => preflightProblems(input).map((p) => p.reason);

const manifest = (model: Record<string, unknown> | undefined): InferenceServiceManifest => ({
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: { name: 'mlflow-iris-v1', namespace: 'models' },
  spec: { predictor: model ? { model } : { containers: [] } },
});
const mlflowFormat = manifest({ modelFormat: { name: 'mlflow' }, protocolVersion: 'v2', storageUri: 's3://b/iris/1' });

describe('preflightProblems', () => {
  it('format mlflow and a model with python_function (scikit-learn, pyfunc) → nothing found', () => {
    for (const fixture of ['sklearn-skops', 'sklearn-pickle', 'pyfunc'] as const) {
      expect(messages({ manifest: mlflowFormat, mlmodel: parseMlmodel(mlmodelFixture(fixture)) }), fixture).toEqual([]);
    }
  });

  it('no MLmodel (MLflow says it does not exist) → one problem saying so, reason no_mlmodel', () => {
    expect(messages({ manifest: mlflowFormat, mlmodel: null })).toEqual([expect.stringContaining('no MLmodel file')]);
    expect(reasons({ manifest: mlflowFormat, mlmodel: null })).toEqual(['no_mlmodel']);
  });

  it('an MLmodel that is not MLflow’s → the reason it cannot be read', () => {
    expect(preflightProblems({ manifest: mlflowFormat, mlmodel: 'MLmodel has no "flavors" mapping' })).toEqual([
      { reason: 'mlmodel_unreadable', message: `the version's MLmodel cannot be read (MLmodel has no "flavors" mapping)` },
    ]);
  });

  it('format mlflow and a model saved without python_function → names the flavor needed and the ones saved', () => {
    const onlySpark = parseMlmodel('flavors:\n  spark: {model_data: sparkml}\n');
    expect(preflightProblems({ manifest: mlflowFormat, mlmodel: onlySpark })).toEqual([
      {
        reason: 'flavor_unsupported',
        message: 'model format "mlflow" needs the "python_function" flavor, but the model was saved with: spark',
      },
    ]);
  });

  it('artifacts MLflow marks as external → refused', () => {
    const external = parseMlmodel('flavors: {python_function: {}}\nmetadata: {mlflow.model.isExternal: true}\n');
    expect(reasons({ manifest: mlflowFormat, mlmodel: external })).toEqual(['external_artifacts']);
  });

  it('a format with no known flavor rule, or a custom predictor → only the MLmodel itself is checked', () => {
    const spark = parseMlmodel('flavors:\n  spark: {}\n');
    expect(messages({ manifest: manifest({ modelFormat: { name: 'custom-format' } }), mlmodel: spark })).toEqual([]);
    expect(messages({ manifest: manifest(undefined), mlmodel: spark })).toEqual([]);
    expect(messages({ manifest: manifest(undefined), mlmodel: null })).toHaveLength(1);
  });

  it('given the runtimes, none serving the format → reason no_runtime after the MLmodel problems', () => {
    expect(reasons({ manifest: mlflowFormat, mlmodel: null, runtimes: [] })).toEqual(['no_mlmodel', 'no_runtime']);
  });
});
