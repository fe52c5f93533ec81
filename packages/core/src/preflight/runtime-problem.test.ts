import { describe, expect, it } from 'vitest';
import { kserveDefaultRuntimes } from '../testing/in-memory-kube.js';
import { type ModelRuntimeRequest, runtimeProblem } from './runtime-problem.js';
import type { ServingRuntimeSummary } from '../ports/serving-runtime-summary.js';

const mlflowV2: ModelRuntimeRequest = { namespace: 'models', format: { name: 'mlflow' }, protocolVersion: 'v2', multiNode: false };
const runtime = (over: Partial<ServingRuntimeSummary>): ServingRuntimeSummary => ({
  name: 'custom',
  kind: 'ServingRuntime',
  disabled: false,
  multiModel: false,
  multiNode: false,
  protocolVersions: ['v2'],
  formats: [{ name: 'mlflow', version: '2', autoSelect: true }],
  ...over,
});

describe('runtimeProblem', () => {
  it("KServe's default runtimes → mlflow v2 and sklearn (v1 or v2) served; xgboost with v1 not (MLServer speaks v2 only)", () => {
    expect(runtimeProblem(mlflowV2, kserveDefaultRuntimes)).toBeUndefined();
    expect(runtimeProblem({ ...mlflowV2, format: { name: 'sklearn' }, protocolVersion: 'v1' }, kserveDefaultRuntimes)).toBeUndefined();
    expect(runtimeProblem({ ...mlflowV2, format: { name: 'xgboost' }, protocolVersion: 'v1' }, kserveDefaultRuntimes)).toMatch(
      /no ServingRuntime in models and no ClusterServingRuntime supports model format "xgboost" with protocol v1/,
    );
  });

  it('no runtimes at all (the cluster has no MLServer) → "no runtime" naming format and protocol', () => {
    expect(runtimeProblem(mlflowV2, [])).toMatch(/supports model format "mlflow" with protocol v2 \(autoSelect, enabled\)/);
  });

  it('no protocolVersion → KServe’s default v1: MLServer (v2 only) does not serve it', () => {
    expect(runtimeProblem({ ...mlflowV2, protocolVersion: undefined }, kserveDefaultRuntimes)).toMatch(/with protocol v1/);
  });

  it('auto-selection skips disabled, multi-model, multi-node and non-autoSelect runtimes', () => {
    for (const r of [
      runtime({ disabled: true }),
      runtime({ multiModel: true }),
      runtime({ multiNode: true }),
      runtime({ formats: [{ name: 'mlflow', version: '2', autoSelect: false }] }),
    ]) {
      expect(runtimeProblem(mlflowV2, [r]), JSON.stringify(r)).toBeDefined();
    }
    expect(runtimeProblem({ ...mlflowV2, multiNode: true }, [runtime({ multiNode: true })])).toBeUndefined();
    expect(runtimeProblem(mlflowV2, [runtime({ protocolVersions: [] })])).toBeUndefined();
  });

  it('a format version → only runtimes listing that version; none asked → any version', () => {
    expect(runtimeProblem({ ...mlflowV2, format: { name: 'mlflow', version: '1' } }, [runtime({})])).toMatch(/"mlflow:1"/);
    expect(runtimeProblem({ ...mlflowV2, format: { name: 'mlflow', version: '2' } }, [runtime({})])).toBeUndefined();
  });

  it('a named runtime: missing, disabled, wrong protocol, wrong format → each named; non-autoSelect formats count', () => {
    const named = (name: string, over: Partial<ModelRuntimeRequest> = {}) => ({ ...mlflowV2, runtime: name, ...over });
    expect(runtimeProblem(named('nope'), kserveDefaultRuntimes)).toBe(
      'runtime "nope" is neither a ServingRuntime in models nor a ClusterServingRuntime',
    );
    expect(runtimeProblem(named('custom'), [runtime({ disabled: true })])).toBe('ServingRuntime "custom" is disabled');
    expect(runtimeProblem(named('kserve-mlserver', { protocolVersion: 'v1' }), kserveDefaultRuntimes)).toBe(
      'ClusterServingRuntime "kserve-mlserver" does not support protocol v1 (it supports v2)',
    );
    expect(runtimeProblem(named('kserve-sklearnserver'), kserveDefaultRuntimes)).toBe(
      'ClusterServingRuntime "kserve-sklearnserver" does not support model format "mlflow"',
    );
    expect(runtimeProblem(named('custom'), [runtime({ formats: [{ name: 'mlflow', autoSelect: false }] })])).toBeUndefined();
  });

  it('a ServingRuntime in the namespace wins over a ClusterServingRuntime of the same name', () => {
    const cluster = runtime({ name: 'same', kind: 'ClusterServingRuntime' });
    const namespaced = runtime({ name: 'same', kind: 'ServingRuntime', disabled: true });
    expect(runtimeProblem({ ...mlflowV2, runtime: 'same' }, [cluster, namespaced])).toBe('ServingRuntime "same" is disabled');
  });
});
