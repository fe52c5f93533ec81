import type { DeploymentKey, KeyOf } from './deployment-key.js';

/**
 * Where a key's deployment status lives in MLflow and under which tag names. A version key reports on its
 * own model version; an alias key on the registered model, under tags that name the alias.
 */
export interface StatusPlace {
  /** `version`: the model version `version` of `model`; `model`: the registered model `model`. */
  on: { model: string; version: string } | { model: string; version?: undefined };
  /** Tag names: state, URL, `namespace/name` of the service, failure message, when last changed. */
  tags: {
    status: string;
    url: string;
    inferenceService: string;
    message: string;
    updatedAt: string;
    /** The version served (alias keys only: a version key's version is where the tags are). */
    servedVersion?: string;
    /** Directory and Git targets: the manifest's path relative to the target's folder. */
    manifest?: string;
    /** Git target: the commit that wrote the manifest. */
    commit?: string;
    /** Keys that follow a moving target: where their rollout stands (`Progressing 25%`, `Promoted`, …). */
    rollout?: string;
  };
}

/**
 * What a key *is*, with no I/O: how people name it, its InferenceService's name, how it is recorded on the
 * InferenceService, its template values and where its status lives. One object per kind
 * (`version-identity.ts`, `alias-identity.ts`); what MLflow says about a key is asked elsewhere
 * (`converge/key-queries/`).
 */
export interface KeyIdentity<K extends DeploymentKey['kind'] = DeploymentKey['kind']> {
  kind: K;
  /** `iris/3`, `iris@champion`: how people and logs name the key; unique per key. */
  describe(key: KeyOf<K>): string;
  /** `model "iris" version "3"`: the key in an ownership message. */
  describeOwner(key: KeyOf<K>): string;
  /** The InferenceService name, valid for KServe within the namespace's host-name budget. */
  serviceName(key: KeyOf<K>, namespace: string): string;
  /** Annotations beyond model and served version that record the key on its InferenceService. */
  ownerAnnotations(key: KeyOf<K>): Record<string, string>;
  /** The names of those annotations (removed from services of other kinds). */
  ownerAnnotationNames: readonly string[];
  /** The key recorded by an InferenceService's annotations, when they are of this kind. */
  fromAnnotations(annotations: Record<string, string>): KeyOf<K> | undefined;
  /** Values beyond the model version's own, for templates, answers and listings. */
  templateValues(key: KeyOf<K>): { alias?: string };
  /** Whether the served version can change under the same key (then canary rollouts apply). */
  followsMovingTarget: boolean;
  /** Where the key's status lives in MLflow, with `prefix` (`kserve.`) in front of every tag name. */
  statusPlace(key: KeyOf<K>, prefix: string): StatusPlace;
}
