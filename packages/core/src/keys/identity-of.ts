import { aliasIdentity } from './alias-identity.js';
import type { DeploymentKey, KeyOf } from './deployment-key.js';
import type { KeyIdentity } from './key-identity.js';
import { versionIdentity } from './version-identity.js';

const identities: { [K in DeploymentKey['kind']]: KeyIdentity<K> } = { version: versionIdentity, alias: aliasIdentity };

/** What every kind's identity answers without a key of its kind in hand. */
type RecordReader = Pick<KeyIdentity, 'kind' | 'ownerAnnotationNames'> & {
  fromAnnotations(annotations: Record<string, string>): DeploymentKey | undefined;
};

/** Every kind's identity, most specific first (an alias service also records a version). */
export const keyIdentities: readonly RecordReader[] = [aliasIdentity, versionIdentity];

/**
 * What the key's kind says about naming, recording and reporting it — the one dispatch on a key's kind
 * for everything that is not a question to MLflow.
 *
 * @example
 * ```ts
 * identityOf(aliasKey('iris', 'champion')).serviceName(aliasKey('iris', 'champion'), 'kserve-mlflow-models'); // 'mlflow-iris-champion'
 * ```
 */
export function identityOf<K extends DeploymentKey['kind']>(key: KeyOf<K>): KeyIdentity<K> {
  const identity = identities[key.kind as K] as KeyIdentity<K> | undefined;
  if (!identity) throw new Error(`unknown deployment key kind ${String((key as { kind: unknown }).kind)}`);
  return identity;
}

/**
 * A key as people write it: `iris-classifier/3` or `iris-classifier@champion`. Unique per key, so it
 * also serves as a map key.
 *
 * @example
 * ```ts
 * describeKey(aliasKey('iris', 'champion')); // 'iris@champion'
 * ```
 */
export function describeKey(key: DeploymentKey): string {
  return identityOf(key).describe(key);
}

/**
 * The InferenceService name of a key: `mlflow-{model}-v{version}` for a version, `mlflow-{model}-{alias}`
 * for an alias (each made valid for KServe and for the namespace's host-name budget).
 *
 * @example
 * ```ts
 * serviceNameFor(aliasKey('iris', 'champion'), 'kserve-mlflow-models'); // 'mlflow-iris-champion'
 * ```
 */
export function serviceNameFor(key: DeploymentKey, namespace: string): string {
  return identityOf(key).serviceName(key, namespace);
}
