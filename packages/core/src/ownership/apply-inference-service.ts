import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { KubePort } from '../ports/kube-port.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import { ownedFieldsEqual } from './owned-fields-equal.js';
import { ownershipConflict, withOwnership } from './ownership.js';

/** What happened to an InferenceService. */
export type ServiceOutcome = 'created' | 'updated' | 'unchanged' | 'deleted' | 'absent';

function conflict(name: string, namespace: string, why: string): MlflowKserveError {
  return new MlflowKserveError(
    'name_conflict',
    `InferenceService ${namespace}/${name} ${why}; refusing to overwrite or delete it. Rename or remove it, or use another namespace.`,
    {
      retryable: false,
      details: { name, namespace },
    },
  );
}

/**
 * Creates or updates the InferenceService for (model, version), refusing one of the same name that is not
 * ours or records another model, and skipping the write when every owned field already matches.
 *
 * @throws MlflowKserveError `name_conflict` (→ 409) or `kubernetes_error`.
 * @example
 * ```ts
 * await applyInferenceService(kube, object, { model: 'iris-classifier', version: '3' }); // 'created'
 * ```
 */
export async function applyInferenceService(
  kube: KubePort,
  manifest: InferenceServiceManifest,
  owner: { model: string; version: string },
): Promise<ServiceOutcome> {
  const desired = withOwnership(manifest, owner.model, owner.version);
  const { name, namespace } = desired.metadata;
  const existing = await kube.get(namespace, name);
  if (existing) {
    const why = ownershipConflict(existing, owner.model, owner.version);
    if (why) throw conflict(name, namespace, why);
    if (ownedFieldsEqual(desired, existing)) return 'unchanged';
  }
  const resourceVersion = existing ? String(existing.metadata['resourceVersion'] ?? '') || undefined : undefined;
  await kube.apply(desired, { resourceVersion: existing ? (resourceVersion ?? '') : undefined });
  return existing ? 'updated' : 'created';
}

/**
 * Deletes the InferenceService for (model, version) if it exists and is ours; a missing one is `absent`
 * (success: deletes are idempotent).
 *
 * @throws MlflowKserveError `name_conflict` when the name belongs to something else.
 * @example
 * ```ts
 * await deleteInferenceService(kube, 'kserve-mlflow-models', 'mlflow-iris-classifier-v3', { model: 'iris-classifier', version: '3' });
 * ```
 */
export async function deleteInferenceService(
  kube: KubePort,
  namespace: string,
  name: string,
  owner: { model: string; version: string },
): Promise<ServiceOutcome> {
  const existing = await kube.get(namespace, name);
  if (!existing) return 'absent';
  const why = ownershipConflict(existing, owner.model, owner.version);
  if (why) throw conflict(name, namespace, why);
  const uid = typeof existing.metadata['uid'] === 'string' ? existing.metadata['uid'] : undefined;
  return (await kube.delete(namespace, name, { uid })) ? 'deleted' : 'absent';
}
