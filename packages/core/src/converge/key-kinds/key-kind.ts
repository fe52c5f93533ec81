import type { ModelVersion } from '../../ports/mlflow-port.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { DeploymentKey } from '../deployment-key.js';
import type { KeyState } from '../read-key-state.js';
import type { DeploymentStatus } from '../../status/deployment-status.js';
import type { TagChanges } from '../../status/status-tags.js';

/** A key of one kind. */
export type KeyOf<K extends DeploymentKey['kind']> = Extract<DeploymentKey, { kind: K }>;

/**
 * Everything that differs between kinds of deployment key, in one place per kind: how the key is named,
 * read from MLflow, recorded on the InferenceService, and listed for a reconcile. `converge`, ownership and
 * reconcile only ever ask the key's kind. A new kind is a new file implementing this, its member of
 * `DeploymentKey`, and the events that map to it.
 */
export interface KeyKind<K extends DeploymentKey['kind'] = DeploymentKey['kind']> {
  kind: K;
  /** `iris/3`, `iris@champion`: how people and logs name the key; unique per key. */
  describe(key: KeyOf<K>): string;
  /** The InferenceService name, valid for KServe within the namespace's host-name budget. */
  serviceName(key: KeyOf<K>, namespace: string): string;
  /** MLflow's current state for the key (only MLflow's own "does not exist" may mean absent). */
  read(rt: Runtime, key: KeyOf<K>): Promise<KeyState>;
  /** Annotations beyond model and served version that record the key on its InferenceService. */
  ownerAnnotations(key: KeyOf<K>): Record<string, string>;
  /** The names of those annotations (removed from services of other kinds). */
  ownerAnnotationNames: readonly string[];
  /** The key recorded by an InferenceService's annotations, when they are of this kind. */
  fromAnnotations(annotations: Record<string, string>): KeyOf<K> | undefined;
  /** Template values beyond the model version's own. */
  templateValues(key: KeyOf<K>): { alias?: string };
  /** Whether the served version can change under the same key (then canary rollouts apply). */
  followsMovingTarget: boolean;
  /** Registered-model tags that report this key's deployment (beyond the served version's own tags). */
  modelStatusTags(prefix: string, key: KeyOf<K>, status: DeploymentStatus): TagChanges;
  /** Reconcile: the keys of this kind MLflow wants now, each with the version to serve (snapshot). */
  wantedInMlflow(rt: Runtime): Promise<{ key: KeyOf<K>; version: ModelVersion | undefined }[]>;
}
