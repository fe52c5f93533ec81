/** A KServe ServingRuntime or ClusterServingRuntime, as far as choosing one for a model goes. */
export interface ServingRuntimeSummary {
  name: string;
  /** A `ServingRuntime` in the service's namespace, or a cluster-wide `ClusterServingRuntime`. */
  kind: 'ServingRuntime' | 'ClusterServingRuntime';
  /** `spec.disabled`. */
  disabled: boolean;
  /** `spec.multiModel` (ModelMesh). */
  multiModel: boolean;
  /** `spec.workerSpec` is set (multi-node). */
  multiNode: boolean;
  /** `spec.protocolVersions`; empty: any. */
  protocolVersions: string[];
  /** `spec.supportedModelFormats`. */
  formats: { name: string; version?: string | undefined; autoSelect: boolean }[];
}
