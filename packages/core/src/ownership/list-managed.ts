import { serviceNamespaces } from '../config/service-namespaces.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import type { Runtime } from '../runtime/runtime.js';
import { Ownership } from '../keys/ownership-annotations.js';

/**
 * Every InferenceService carrying the `managed-by=mlflow-kserve` label, in every allowed namespace (the
 * default namespace first): what reconcile, status and `/services` start from.
 *
 * @example
 * ```ts
 * const services = await listManaged(runtime);
 * ```
 */
export async function listManaged(rt: Pick<Runtime, 'kube' | 'config'>): Promise<InferenceServiceManifest[]> {
  return (await Promise.all(serviceNamespaces(rt.config).map((ns) => rt.kube.list(ns, Ownership.selector)))).flat();
}
