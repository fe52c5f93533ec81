import type { DeploymentKey } from '../keys/deployment-key.js';
import { describeKey } from '../keys/identity-of.js';
import { ownerOf } from '../ownership/ownership.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';

/**
 * The managed InferenceServices last seen by a list or a watch, by `namespace/name` and by the key each
 * records: what a status task reads when it runs (an informer's cache).
 *
 * @example
 * ```ts
 * const cache = new ServiceCache();
 * cache.put(isvc);
 * cache.serviceOf(aliasKey('iris', 'champion')); // isvc
 * ```
 */
export class ServiceCache {
  private readonly objects = new Map<string, InferenceServiceManifest>();
  private readonly byKey = new Map<string, Set<string>>();

  /** Stores `object`; returns what was stored under its name before. */
  put(object: InferenceServiceManifest): InferenceServiceManifest | undefined {
    const previous = this.remove(object);
    const id = idOf(object);
    this.objects.set(id, object);
    const key = keyIdOf(object);
    if (key !== undefined) this.byKey.set(key, (this.byKey.get(key) ?? new Set()).add(id));
    return previous;
  }

  /** Forgets the object at `object`'s name; returns what was stored there. */
  remove(object: InferenceServiceManifest): InferenceServiceManifest | undefined {
    const id = idOf(object);
    const previous = this.objects.get(id);
    if (!previous) return undefined;
    this.objects.delete(id);
    const key = keyIdOf(previous);
    const ids = key === undefined ? undefined : this.byKey.get(key);
    ids?.delete(id);
    if (key !== undefined && ids?.size === 0) this.byKey.delete(key);
    return previous;
  }

  /** What is stored in one namespace. */
  inNamespace(namespace: string): InferenceServiceManifest[] {
    return [...this.objects.values()].filter((o) => o.metadata.namespace === namespace);
  }

  /** The key's InferenceService (the one seen last, while a move briefly leaves two); `null` when none. */
  serviceOf(key: DeploymentKey): InferenceServiceManifest | null {
    const ids = this.byKey.get(describeKey(key));
    if (!ids || ids.size === 0) return null;
    return this.objects.get([...ids].at(-1)!) ?? null;
  }
}

const idOf = (object: InferenceServiceManifest): string => `${object.metadata.namespace}/${object.metadata.name}`;

function keyIdOf(object: InferenceServiceManifest): string | undefined {
  const owner = ownerOf(object);
  return owner.managed && owner.key ? describeKey(owner.key) : undefined;
}
