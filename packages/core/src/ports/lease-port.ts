/** A `coordination.k8s.io/v1` Lease, as much of it as leader election needs. */
export interface Lease {
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec: {
    holderIdentity?: string | null;
    leaseDurationSeconds?: number | null;
    acquireTime?: string | null;
    renewTime?: string | null;
    leaseTransitions?: number | null;
  };
}

/**
 * Reads and writes one Lease. The `@kubernetes/client-node` implementation is `ClientNodeLeases` in
 * `@mlflow-kserve/core/kube`; an in-memory one is in `@mlflow-kserve/core/testing`.
 *
 * @example
 * ```ts
 * const lease = await leases.get('kserve-mlflow-models', 'mlflow-kserve');
 * ```
 */
export interface LeasePort {
  /** `null` when there is no such Lease. */
  get(namespace: string, name: string): Promise<Lease | null>;
  /** Fails when the Lease exists already. */
  create(lease: Lease): Promise<Lease>;
  /** Fails unless `lease.metadata.resourceVersion` is still the live one. */
  replace(lease: Lease): Promise<Lease>;
}
