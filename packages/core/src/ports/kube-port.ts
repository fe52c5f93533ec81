import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';

/** What {@link KubePort.apply} did. */
export type ApplyOutcome = 'created' | 'updated';

/**
 * Everything the SDK does to InferenceServices. The `@kubernetes/client-node` implementation is in
 * `@mlflow-kserve/core/kube`, a directory-of-YAML one in `@mlflow-kserve/core/directory`, an in-memory one
 * in `@mlflow-kserve/core/testing`. Methods throw `MlflowKserveError` (`kubernetes_error`) on failure;
 * "not found" is a value, not an error. Ownership checks happen in the core, not here.
 *
 * @example
 * ```ts
 * const existing = await kube.get('kserve-mlflow-models', 'mlflow-iris-classifier-v3');
 * ```
 */
export interface KubePort {
  /** Creates or updates (server-side apply) an InferenceService; the manifest carries name and namespace. */
  apply(manifest: InferenceServiceManifest): Promise<ApplyOutcome>;
  /** Deletes it; `false` when it did not exist. */
  delete(namespace: string, name: string): Promise<boolean>;
  get(namespace: string, name: string): Promise<InferenceServiceManifest | null>;
  /** Every InferenceService in the namespace matching a label selector (all pages). */
  list(namespace: string, labelSelector: string): Promise<InferenceServiceManifest[]>;
  /** Cheap connectivity check; throws when the API cannot be reached. */
  ping(): Promise<void>;
}
