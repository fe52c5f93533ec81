import type { DeploymentKey } from '../keys/deployment-key.js';
import { describeKey } from '../keys/identity-of.js';
import { ownerOf } from '../ownership/ownership.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';

/**
 * The keys a change of one InferenceService concerns: the key its previous state recorded and the key its
 * current state records (each once), as controller-runtime's mapped handler enqueues both the old and the
 * new object's requests. Services not managed by mlflow-kserve concern none.
 *
 * @example
 * ```ts
 * keysOfChange(before, after); // [{ kind: 'alias', model: 'iris', alias: 'champion' }]
 * keysOfChange(null, created); // the created service's key
 * ```
 */
export function keysOfChange(
  previous: InferenceServiceManifest | null | undefined,
  current: InferenceServiceManifest | null | undefined,
): DeploymentKey[] {
  const keys = new Map<string, DeploymentKey>();
  for (const object of [previous, current]) {
    if (!object) continue;
    const owner = ownerOf(object);
    if (owner.managed && owner.key) keys.set(describeKey(owner.key), owner.key);
  }
  return [...keys.values()];
}
