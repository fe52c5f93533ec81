import { ownedFieldsEqual } from '../ownership/owned-fields-equal.js';
import { ownershipConflict } from '../ownership/ownership.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import type { DeploymentKey } from '../keys/deployment-key.js';

/** The one write (or none) that brings a key's InferenceService to what MLflow says. */
export type Step =
  | { type: 'create'; manifest: InferenceServiceManifest }
  | { type: 'update'; manifest: InferenceServiceManifest; resourceVersion: string }
  | { type: 'delete'; uid: string | undefined }
  | { type: 'unchanged' }
  | { type: 'conflict'; reason: string };

type Predictor = { canaryTrafficPercent?: number; [key: string]: unknown };
const predictorOf = (m: InferenceServiceManifest): Predictor | undefined => (m.spec as { predictor?: Predictor } | undefined)?.predictor;

/**
 * Decides the write for one key, purely: `desired` is the InferenceService MLflow's state calls for (`null`:
 * none), `existing` what the cluster has at that name. Never touches a service that is not ours or records
 * another key (`conflict`); skips the write when every field we own already matches (`unchanged`), noticing a
 * `canaryTrafficPercent` the desired service no longer has. The canary share itself is the rollout's
 * (`decideRollout`), already in `desired`.
 *
 * @example
 * ```ts
 * planStep(versionKey('iris', '3'), desired, await kube.get(namespace, name)); // { type: 'create', manifest }
 * ```
 */
export function planStep(key: DeploymentKey, desired: InferenceServiceManifest | null, existing: InferenceServiceManifest | null): Step {
  if (existing) {
    const why = ownershipConflict(existing, key);
    if (why) return { type: 'conflict', reason: why };
  }
  if (!desired) {
    return existing
      ? { type: 'delete', uid: typeof existing.metadata['uid'] === 'string' ? existing.metadata['uid'] : undefined }
      : { type: 'unchanged' };
  }
  if (!existing) return { type: 'create', manifest: desired };
  // A field we no longer set is not seen by comparing what we set: the canary share is the one we drop.
  const removesCanary =
    predictorOf(existing)?.canaryTrafficPercent !== undefined && predictorOf(desired)?.canaryTrafficPercent === undefined;
  if (!removesCanary && ownedFieldsEqual(desired, existing)) return { type: 'unchanged' };
  return { type: 'update', manifest: desired, resourceVersion: String(existing.metadata['resourceVersion'] ?? '') };
}
