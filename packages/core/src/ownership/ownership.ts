import type { DeploymentKey } from '../converge/deployment-key.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';

/** Label and annotations that mark an InferenceService as managed by mlflow-kserve, and for which key. */
export const Ownership = {
  label: 'managed-by',
  labelValue: 'mlflow-kserve',
  selector: 'managed-by=mlflow-kserve',
  modelAnnotation: 'mlflow-kserve.io/model-name',
  /** The version served (for an alias service: the version the alias pointed to when it was written). */
  versionAnnotation: 'mlflow-kserve.io/model-version',
  /** Present on alias services only: the alias the service follows. */
  aliasAnnotation: 'mlflow-kserve.io/model-alias',
} as const;

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
  annotations[Ownership.modelAnnotation] = key.model;
  annotations[Ownership.versionAnnotation] = servedVersion;
  if (key.kind === 'alias') annotations[Ownership.aliasAnnotation] = key.alias;
  else delete annotations[Ownership.aliasAnnotation];
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
  const model = annotations[Ownership.modelAnnotation];
  const version = annotations[Ownership.versionAnnotation];
  const alias = annotations[Ownership.aliasAnnotation];
  let key: DeploymentKey | undefined;
  if (model !== undefined && alias !== undefined) key = { kind: 'alias', model, alias };
  else if (model !== undefined && version !== undefined) key = { kind: 'version', model, version };
  return { managed: true, key, servedVersion: version };
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
  const same =
    theirs !== undefined &&
    theirs.kind === key.kind &&
    theirs.model === key.model &&
    (theirs.kind === 'version'
      ? theirs.version === (key as { version: string }).version
      : theirs.alias === (key as { alias: string }).alias);
  if (same) return undefined;
  if (!theirs) return 'carries the managed-by label but no model annotations';
  return theirs.kind === 'version'
    ? `belongs to model ${JSON.stringify(theirs.model)} version ${JSON.stringify(theirs.version)}`
    : `belongs to model ${JSON.stringify(theirs.model)} alias ${JSON.stringify(theirs.alias)}`;
}
