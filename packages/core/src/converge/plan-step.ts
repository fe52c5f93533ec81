import { ownedFieldsEqual } from '../ownership/owned-fields-equal.js';
import { Ownership, ownerOf, ownershipConflict } from '../ownership/ownership.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import type { DeploymentKey } from '../keys/deployment-key.js';
import { identityOf } from '../keys/identity-of.js';

/** The one write (or none) that brings a key's InferenceService to what MLflow says. */
export type Step =
  | { type: 'create'; manifest: InferenceServiceManifest }
  | { type: 'update'; manifest: InferenceServiceManifest; resourceVersion: string }
  | { type: 'delete'; uid: string | undefined }
  | { type: 'unchanged' }
  | { type: 'conflict'; reason: string };

/** Canary rollout settings of {@link planStep}. */
export interface CanaryOptions {
  /** `canaryTrafficPercent` to set when an alias service moves to another version; unset: switch at once. */
  percent?: number | undefined;
  /** Send all traffic to the current version: remove any canary setting. */
  promote?: boolean | undefined;
}

type Predictor = { canaryTrafficPercent?: number; [key: string]: unknown };
const predictorOf = (m: InferenceServiceManifest): Predictor | undefined => (m.spec as { predictor?: Predictor } | undefined)?.predictor;

function withCanary(
  desired: InferenceServiceManifest,
  existing: InferenceServiceManifest,
  key: DeploymentKey,
  canary: CanaryOptions,
): InferenceServiceManifest {
  const predictor = predictorOf(desired);
  if (!identityOf(key).followsMovingTarget || !predictor || canary.promote) return desired;
  const live = predictorOf(existing)?.canaryTrafficPercent;
  const owner = ownerOf(existing);
  const moved = owner.managed && owner.servedVersion !== desired.metadata.annotations?.[Ownership.versionAnnotation];
  const percent = moved ? canary.percent : live;
  if (percent === undefined) return desired;
  return { ...desired, spec: { ...desired.spec, predictor: { ...predictor, canaryTrafficPercent: percent } } };
}

/**
 * Decides the write for one key, purely: `desired` is the InferenceService MLflow's state calls for (`null`:
 * none), `existing` what the cluster has at that name. Never touches a service that is not ours or records
 * another key (`conflict`); skips the write when every field we own already matches (`unchanged`). For an
 * alias service whose alias moved, sets `canaryTrafficPercent` when canary is configured and keeps it
 * until a promote removes it.
 *
 * @example
 * ```ts
 * planStep(versionKey('iris', '3'), desired, await kube.get(namespace, name)); // { type: 'create', manifest }
 * ```
 */
export function planStep(
  key: DeploymentKey,
  desired: InferenceServiceManifest | null,
  existing: InferenceServiceManifest | null,
  canary: CanaryOptions = {},
): Step {
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
  const manifest = withCanary(desired, existing, key, canary);
  const removesCanary =
    predictorOf(existing)?.canaryTrafficPercent !== undefined && predictorOf(manifest)?.canaryTrafficPercent === undefined;
  if (!removesCanary && ownedFieldsEqual(manifest, existing)) return { type: 'unchanged' };
  return { type: 'update', manifest, resourceVersion: String(existing.metadata['resourceVersion'] ?? '') };
}
