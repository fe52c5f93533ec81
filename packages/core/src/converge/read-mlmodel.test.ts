import { describe, expect, it } from 'vitest';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { createRuntime } from '../runtime/runtime.js';
import { testDeps } from '../testing/test-deps.js';
import { readMlmodel } from './read-mlmodel.js';

function world(files?: Record<string, string>) {
  const deps = testDeps();
  deps.mlflow.addVersion({ name: 'fraud', version: '1', source: 's3://b/fraud/1', ...(files ? { files } : {}) });
  return {
    ...deps,
    rt: createRuntime(deps),
    version: { name: 'fraud', version: '1', source: 's3://b/fraud/1', runId: undefined, status: 'READY', tags: {}, aliases: [] },
  };
}

describe('readMlmodel', () => {
  it('a pyfunc MLmodel → parsed; read again → remembered, one MLflow read', async () => {
    const w = world();
    expect(await readMlmodel(w.rt, w.version)).toMatchObject({ flavor: 'python_function' });
    await readMlmodel(w.rt, w.version);
    expect(w.mlflow.calls.filter((c) => c.op === 'getModelVersionArtifact')).toHaveLength(1);
  });

  it('no MLmodel → null, read again each time (a later upload is seen)', async () => {
    const w = world({});
    expect(await readMlmodel(w.rt, w.version)).toBeNull();
    w.mlflow.files.set('fraud/1', { MLmodel: 'flavors: {python_function: {}}\n' });
    expect(await readMlmodel(w.rt, w.version)).toMatchObject({ flavors: ['python_function'] });
  });

  it('a file that is not an MLmodel → the reason as text', async () => {
    expect(await readMlmodel(world({ MLmodel: 'just text' }).rt, world().version)).toBe('MLmodel has no "flavors" mapping');
  });

  it('an event-fed registry (no MLflow) → undefined: nothing to check', async () => {
    const { config, kube } = testDeps();
    const rt = createRuntime({ config, kube });
    expect(await readMlmodel(rt, world().version)).toBeUndefined();
  });

  it('MLflow answering 500 (it cannot read its artifact store) → a retryable mlflow_error that says so and names MLFLOW_KSERVE_PREFLIGHT', async () => {
    const w = world();
    w.mlflow.getModelVersionArtifact = async () => {
      throw new MlflowKserveError('mlflow_error', 'MLflow GET /model-versions/get-artifact failed with HTTP 500.', {
        retryable: true,
        details: { status: 500 },
      });
    };
    await expect(readMlmodel(w.rt, w.version)).rejects.toMatchObject({
      code: 'mlflow_error',
      retryable: true,
      message: expect.stringMatching(/HTTP 500\. MLflow could not read the version's MLmodel.*MLFLOW_KSERVE_PREFLIGHT=off/),
    });
  });
});
