import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';

/** Label and annotations that mark an InferenceService as managed by mlflow-kserve. */
export const Ownership = {
  label: 'managed-by',
  labelValue: 'mlflow-kserve',
  selector: 'managed-by=mlflow-kserve',
  modelAnnotation: 'mlflow-kserve.io/model-name',
  versionAnnotation: 'mlflow-kserve.io/model-version',
} as const;

/** The model version an InferenceService records, when it is ours. */
export type OwnerRecord = { managed: false } | { managed: true; model: string | undefined; version: string | undefined };

/**
 * Sets the managed-by label and the exact model name and version annotations, whatever the template said.
 *
 * @example
 * ```ts
 * const owned = withOwnership(object, 'iris-classifier', '3');
 * ```
 */
export function withOwnership(manifest: InferenceServiceManifest, model: string, version: string): InferenceServiceManifest {
  return {
    ...manifest,
    metadata: {
      ...manifest.metadata,
      labels: { ...manifest.metadata.labels, [Ownership.label]: Ownership.labelValue },
      annotations: { ...manifest.metadata.annotations, [Ownership.modelAnnotation]: model, [Ownership.versionAnnotation]: version },
    },
  };
}

/**
 * Reads who owns an InferenceService.
 *
 * @example
 * ```ts
 * ownerOf(existing); // { managed: true, model: 'iris-classifier', version: '3' }
 * ```
 */
export function ownerOf(object: InferenceServiceManifest): OwnerRecord {
  if (object.metadata.labels?.[Ownership.label] !== Ownership.labelValue) return { managed: false };
  return {
    managed: true,
    model: object.metadata.annotations?.[Ownership.modelAnnotation],
    version: object.metadata.annotations?.[Ownership.versionAnnotation],
  };
}

/**
 * Why this SDK must not touch an InferenceService for (model, version), or `undefined` when it may.
 *
 * @example
 * ```ts
 * ownershipConflict(existing, 'iris-classifier', '3'); // undefined, or 'is not managed by mlflow-kserve'
 * ```
 */
export function ownershipConflict(object: InferenceServiceManifest, model: string, version: string): string | undefined {
  const owner = ownerOf(object);
  if (!owner.managed) return 'is not managed by mlflow-kserve (no managed-by=mlflow-kserve label)';
  if (owner.model !== model || owner.version !== version) {
    return `belongs to model ${JSON.stringify(owner.model)} version ${JSON.stringify(owner.version)}`;
  }
  return undefined;
}
