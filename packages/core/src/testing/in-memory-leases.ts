import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { Lease, LeasePort } from '../ports/lease-port.js';
import { cloneJson } from '../util/clone-json.js';

/**
 * A {@link LeasePort} kept in memory, shared by several electors in a test; `failing` makes every call
 * throw (an API server outage).
 *
 * @example
 * ```ts
 * const leases = new InMemoryLeases();
 * ```
 */
export class InMemoryLeases implements LeasePort {
  readonly leases = new Map<string, Lease>();
  failing = false;
  private version = 0;

  private check(): void {
    if (this.failing) throw new MlflowKserveError('kubernetes_error', 'Kubernetes API unavailable (simulated).');
  }

  async get(namespace: string, name: string): Promise<Lease | null> {
    this.check();
    const lease = this.leases.get(`${namespace}/${name}`);
    return lease ? cloneJson(lease) : null;
  }

  async create(lease: Lease): Promise<Lease> {
    this.check();
    const key = `${lease.metadata.namespace}/${lease.metadata.name}`;
    if (this.leases.has(key)) throw new MlflowKserveError('kubernetes_error', `Lease ${key} already exists (AlreadyExists).`);
    return this.store(key, lease);
  }

  async replace(lease: Lease): Promise<Lease> {
    this.check();
    const key = `${lease.metadata.namespace}/${lease.metadata.name}`;
    if (this.leases.get(key)?.metadata.resourceVersion !== lease.metadata.resourceVersion) {
      throw new MlflowKserveError('kubernetes_error', `Lease ${key} was modified concurrently (Conflict).`);
    }
    return this.store(key, lease);
  }

  private store(key: string, lease: Lease): Lease {
    this.version += 1;
    const stored = { ...cloneJson(lease), metadata: { ...lease.metadata, resourceVersion: String(this.version) } };
    this.leases.set(key, stored);
    return cloneJson(stored);
  }
}
