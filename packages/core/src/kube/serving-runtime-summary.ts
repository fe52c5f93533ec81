import type { ServingRuntimeSummary } from '../ports/serving-runtime-summary.js';

/**
 * Reads a ServingRuntime or ClusterServingRuntime object as the API server returns it.
 *
 * @example
 * ```ts
 * servingRuntimeSummary('ClusterServingRuntime', { metadata: { name: 'kserve-mlserver' }, spec: { supportedModelFormats: [{ name: 'mlflow', version: '2', autoSelect: true }], protocolVersions: ['v2'] } });
 * ```
 */
export function servingRuntimeSummary(kind: ServingRuntimeSummary['kind'], object: unknown): ServingRuntimeSummary {
  const o = (object ?? {}) as { metadata?: { name?: unknown }; spec?: Record<string, unknown> };
  const spec = o.spec ?? {};
  const formats = Array.isArray(spec['supportedModelFormats']) ? (spec['supportedModelFormats'] as Record<string, unknown>[]) : [];
  return {
    name: typeof o.metadata?.name === 'string' ? o.metadata.name : '',
    kind,
    disabled: spec['disabled'] === true,
    multiModel: spec['multiModel'] === true,
    multiNode: spec['workerSpec'] !== undefined && spec['workerSpec'] !== null,
    protocolVersions: Array.isArray(spec['protocolVersions'])
      ? spec['protocolVersions'].filter((p): p is string => typeof p === 'string')
      : [],
    formats: formats
      .filter((f) => typeof f?.['name'] === 'string')
      .map((f) => ({
        name: f['name'] as string,
        version: typeof f['version'] === 'string' ? f['version'] : undefined,
        autoSelect: f['autoSelect'] === true,
      })),
  };
}
