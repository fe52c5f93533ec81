import { ownedFieldsEqual } from '../ownership/owned-fields-equal.js';
import { ownerOf, withOwnership } from '../ownership/ownership.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';

/** A model version that should be deployed, with its rendered manifest. */
export interface DesiredService {
  model: string;
  version: string;
  manifest: InferenceServiceManifest;
}

/** One step of a reconcile plan. */
export type PlanItem =
  | { type: 'create'; name: string; model: string; version: string; manifest: InferenceServiceManifest }
  | { type: 'update'; name: string; model: string; version: string; manifest: InferenceServiceManifest; resourceVersion: string }
  | { type: 'delete'; name: string; model: string | undefined; version: string | undefined; uid: string | undefined }
  | { type: 'unchanged'; name: string; model: string; version: string }
  | { type: 'conflict'; name: string; model: string; version: string; reason: string };

/**
 * Compares what should run (versions tagged for deployment) with what runs (managed InferenceServices)
 * and returns the steps: create what is missing, update what differs in the fields we own, delete managed
 * services whose version is no longer wanted (untagged, deleted, model gone), leave the rest alone.
 * Pure and deterministic (sorted by name).
 *
 * @example
 * ```ts
 * const plan = planReconcile(desired, await kube.list(namespace, Ownership.selector));
 * plan.filter((step) => step.type !== 'unchanged');
 * ```
 */
export function planReconcile(desired: readonly DesiredService[], actual: readonly InferenceServiceManifest[]): PlanItem[] {
  const live = new Map(actual.map((object) => [object.metadata.name, object]));
  const wanted = new Set<string>();
  const plan: PlanItem[] = [];
  for (const d of desired) {
    const manifest = withOwnership(d.manifest, d.model, d.version);
    const name = manifest.metadata.name;
    wanted.add(name);
    const existing = live.get(name);
    if (!existing) {
      plan.push({ type: 'create', name, model: d.model, version: d.version, manifest });
      continue;
    }
    const owner = ownerOf(existing);
    if (!owner.managed || owner.model !== d.model || owner.version !== d.version) {
      plan.push({
        type: 'conflict',
        name,
        model: d.model,
        version: d.version,
        reason: owner.managed
          ? `name is used by model ${JSON.stringify(owner.model)} version ${JSON.stringify(owner.version)}`
          : 'name is used by an InferenceService not managed by mlflow-kserve',
      });
      continue;
    }
    if (ownedFieldsEqual(manifest, existing)) plan.push({ type: 'unchanged', name, model: d.model, version: d.version });
    else
      plan.push({
        type: 'update',
        name,
        model: d.model,
        version: d.version,
        manifest,
        resourceVersion: String(existing.metadata['resourceVersion'] ?? ''),
      });
  }
  for (const object of actual) {
    const name = object.metadata.name;
    if (wanted.has(name)) continue;
    const owner = ownerOf(object);
    if (!owner.managed) continue;
    plan.push({
      type: 'delete',
      name,
      model: owner.model,
      version: owner.version,
      uid: typeof object.metadata['uid'] === 'string' ? object.metadata['uid'] : undefined,
    });
  }
  return plan.sort((a, b) => a.name.localeCompare(b.name));
}
