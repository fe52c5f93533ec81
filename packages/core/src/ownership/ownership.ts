import type { DeploymentKey } from '../keys/deployment-key.js';
import { describeKey, identityOf, keyIdentities } from '../keys/identity-of.js';
import { Ownership } from '../keys/ownership-annotations.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';

export { Ownership } from '../keys/ownership-annotations.js';

/** Who owns an InferenceService: not us, or us for a key (undefined when the annotations are incomplete). */
export type OwnerRecord = { managed: false } | { managed: true; key: DeploymentKey | undefined; servedVersion: string | undefined };

/**
 * Sets the managed-by label and the annotations that record the key and the version served, whatever the
 * template said.
 *
 * @example
 * ```ts
 * const owned = withOwnership(object, aliasKey('iris', 'champion'), '3');
 * ```
 */
export function withOwnership(manifest: InferenceServiceManifest, key: DeploymentKey, servedVersion: string): InferenceServiceManifest {
  const annotations: Record<string, string> = { ...manifest.metadata.annotations };
  // Only this key's annotations: a template must not make a service look like another kind's.
  for (const identity of keyIdentities) for (const name of identity.ownerAnnotationNames) delete annotations[name];
  Object.assign(
    annotations,
    { [Ownership.modelAnnotation]: key.model, [Ownership.versionAnnotation]: servedVersion },
    identityOf(key).ownerAnnotations(key),
  );
  return {
    ...manifest,
    metadata: { ...manifest.metadata, labels: { ...manifest.metadata.labels, [Ownership.label]: Ownership.labelValue }, annotations },
  };
}

/**
 * Reads who owns an InferenceService, and for which key.
 *
 * @example
 * ```ts
 * ownerOf(existing); // { managed: true, key: { kind: 'version', model: 'iris', version: '3' }, servedVersion: '3' }
 * ```
 */
export function ownerOf(object: InferenceServiceManifest): OwnerRecord {
  if (object.metadata.labels?.[Ownership.label] !== Ownership.labelValue) return { managed: false };
  const annotations = object.metadata.annotations ?? {};
  let key: DeploymentKey | undefined;
  for (const identity of keyIdentities) {
    key = identity.fromAnnotations(annotations);
    if (key) break;
  }
  return { managed: true, key, servedVersion: annotations[Ownership.versionAnnotation] };
}

/**
 * Why this SDK must not touch an InferenceService on behalf of `key`, or `undefined` when it may: it must
 * carry our label and record exactly this key (an alias service may serve any version).
 *
 * @example
 * ```ts
 * ownershipConflict(existing, versionKey('iris', '3')); // undefined, or 'is not managed by mlflow-kserve …'
 * ```
 */
export function ownershipConflict(object: InferenceServiceManifest, key: DeploymentKey): string | undefined {
  const owner = ownerOf(object);
  if (!owner.managed) return 'is not managed by mlflow-kserve (no managed-by=mlflow-kserve label)';
  const theirs = owner.key;
  if (!theirs) return 'carries the managed-by label but no model annotations';
  if (describeKey(theirs) === describeKey(key)) return undefined;
  return `belongs to ${identityOf(theirs).describeOwner(theirs)}`;
}
