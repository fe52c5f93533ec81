import type { AccessGrant } from '../config/required-access.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import type { ServingRuntimeSummary } from '../ports/serving-runtime-summary.js';
import type { ChangeCause } from './change-cause.js';

/** A change to a watched InferenceService. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: InferenceServiceManifest;
}

/** Precondition of {@link KubePort.apply}. */
export interface ApplyPrecondition {
  /** `undefined`: the object must not exist (create). A value: the live object must still be this version. */
  resourceVersion: string | undefined;
}

/**
 * Everything the SDK does to InferenceServices. The `@kubernetes/client-node` implementation is in
 * `@mlflow-kserve/core/kube`, a directory-of-YAML one in `@mlflow-kserve/core/directory`, an in-memory one
 * in `@mlflow-kserve/core/testing`. Methods throw `MlflowKserveError` (`kubernetes_error`, retryable for
 * conflicts and outages) on failure; "not found" is a value, not an error. Ownership checks happen in the
 * core (`applyInferenceService`), and the preconditions make them safe against concurrent writers.
 *
 * @example
 * ```ts
 * const live = await kube.get('kserve-mlflow-models', 'mlflow-iris-classifier-v3');
 * await kube.apply(manifest, { resourceVersion: live?.metadata.resourceVersion as string | undefined });
 * ```
 */
export interface KubePort {
  /** Creates (no resourceVersion) or server-side-applies (with resourceVersion as precondition). */
  apply(manifest: InferenceServiceManifest, precondition: ApplyPrecondition): Promise<void>;
  /** Deletes it (only if its uid still matches, when given); `false` when it did not exist. */
  delete(namespace: string, name: string, precondition?: { uid?: string | undefined }): Promise<boolean>;
  get(namespace: string, name: string): Promise<InferenceServiceManifest | null>;
  /** Every InferenceService in the namespace matching a label selector (all pages). */
  list(namespace: string, labelSelector: string): Promise<InferenceServiceManifest[]>;
  /** Cheap connectivity check, one attempt; throws when the API cannot be reached (or the target not written). */
  ping(): Promise<void>;
  /**
   * Watches InferenceServices matching a label selector (optional: targets without one, such as the
   * directory, are only listed). `onDone` is called once when the watch ends, with the error if it failed;
   * the caller lists again and re-watches.
   */
  watch?(
    namespace: string,
    labelSelector: string,
    onEvent: (event: WatchEvent) => void,
    onDone: (error?: unknown) => void,
  ): Promise<{ stop(): void }>;
  /** Problems the last `list` skipped over (e.g. unreadable files of the directory target), for `/services`. */
  warnings?(): string[];
  /**
   * Which of `grants` this identity lacks, as `verb resource.group in namespace` (optional: targets without
   * permissions, such as the directory, have none). `/readyz` reports them and is not ready while any is missing.
   */
  missingAccess?(grants: AccessGrant[]): Promise<string[]>;
  /**
   * KServe's ServingRuntimes in `namespace` and its ClusterServingRuntimes, for the preflight (optional: a target
   * without a cluster has none to check). A runtime kind whose CRD is not installed counts as none.
   */
  servingRuntimes?(namespace: string): Promise<ServingRuntimeSummary[]>;
  /**
   * Targets whose writes land together (the Git target: one commit) run `work` as one change: its writes land
   * when it ends, and it may run again when they could not (the branch moved). A change inside another joins it.
   * Optional: without it every write lands on its own.
   */
  change?<T>(work: () => Promise<T>, cause?: ChangeCause): Promise<T>;
  /** Inside {@link KubePort.change}: `callback` runs with the change's id (the commit) once it has landed. */
  afterChange?(callback: (id: string) => Promise<void>): void;
  /**
   * Targets with a history (Git): `callback` runs when the target's history was rewritten behind the listener's back
   * (a force-push), so what the rewrite dropped can be restored by a reconcile. Returns a function that stops the calls.
   */
  onRewritten?(callback: (detail: string) => void): () => void;
}
