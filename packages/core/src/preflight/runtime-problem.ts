import type { ServingRuntimeSummary } from '../ports/serving-runtime-summary.js';

/** What a predictor asks of a runtime: `spec.predictor.model` of an InferenceService. */
export interface ModelRuntimeRequest {
  namespace: string;
  format: { name: string; version?: string | undefined };
  /** `runtime`: a named runtime instead of one KServe chooses. */
  runtime?: string | undefined;
  /** `protocolVersion`, when set. */
  protocolVersion?: string | undefined;
  /** `spec.predictor.workerSpec` is set. */
  multiNode: boolean;
}

/**
 * Why KServe's controller would find no runtime for this predictor, decided as KServe v0.20 decides it
 * (`pkg/apis/serving/v1beta1/predictor_model.go` `GetSupportingRuntimes`, `RuntimeSupportsModel`, and the named-runtime
 * checks of `components/predictor.go`); `undefined` when one serves it.
 *
 * - A named runtime: a ServingRuntime of that name in the namespace, else a ClusterServingRuntime; not disabled; the
 *   protocol, when set, among its `protocolVersions` (none listed: any); the format (and version, when given) among its
 *   formats, whether `autoSelect` or not.
 * - No runtime named: some runtime not disabled, not multi-model, multi-node exactly when the predictor is, lists the
 *   format with `autoSelect: true`, and supports the protocol (KServe's default is `v1` when none is set).
 *
 * @example
 * ```ts
 * runtimeProblem({ namespace: 'models', format: { name: 'mlflow' }, protocolVersion: 'v2', multiNode: false }, []);
 * // 'no ServingRuntime in models and no ClusterServingRuntime supports model format "mlflow" with protocol v2 (autoSelect) …'
 * ```
 */
export function runtimeProblem(request: ModelRuntimeRequest, runtimes: ServingRuntimeSummary[]): string | undefined {
  const wanted = request.format.version === undefined ? request.format.name : `${request.format.name}:${request.format.version}`;
  const supports = (r: ServingRuntimeSummary, autoSelectOnly: boolean) =>
    r.formats.some(
      (f) =>
        (!autoSelectOnly || f.autoSelect) &&
        f.name === request.format.name &&
        (request.format.version === undefined || f.version === request.format.version),
    );
  const speaks = (r: ServingRuntimeSummary, protocol: string) => r.protocolVersions.length === 0 || r.protocolVersions.includes(protocol);
  if (request.runtime !== undefined) {
    const named =
      runtimes.find((r) => r.kind === 'ServingRuntime' && r.name === request.runtime) ??
      runtimes.find((r) => r.kind === 'ClusterServingRuntime' && r.name === request.runtime);
    if (!named) return `runtime "${request.runtime}" is neither a ServingRuntime in ${request.namespace} nor a ClusterServingRuntime`;
    if (named.disabled) return `${named.kind} "${named.name}" is disabled`;
    if (request.protocolVersion !== undefined && !speaks(named, request.protocolVersion)) {
      return `${named.kind} "${named.name}" does not support protocol ${request.protocolVersion} (it supports ${named.protocolVersions.join(', ')})`;
    }
    if (!supports(named, false)) return `${named.kind} "${named.name}" does not support model format "${wanted}"`;
    return undefined;
  }
  const protocol = request.protocolVersion ?? 'v1';
  const found = runtimes.some(
    (r) => !r.disabled && !r.multiModel && r.multiNode === request.multiNode && supports(r, true) && speaks(r, protocol),
  );
  if (found) return undefined;
  return `no ServingRuntime in ${request.namespace} and no ClusterServingRuntime supports model format "${wanted}" with protocol ${protocol} (autoSelect, enabled): install one (KServe's kserve-mlserver serves mlflow with v2), or name one with the runtime override`;
}
