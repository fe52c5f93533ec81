import type { KubeConfig } from '@kubernetes/client-node';
import type { Lease, LeasePort } from '../ports/lease-port.js';
import { kubeError } from './kube-error.js';
import { kubeRequest } from './kube-request.js';

/** A Lease as the API server reads and writes it (the fields leader election uses). */
interface LeaseBody {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

/** Kubernetes MicroTime: RFC 3339 with exactly six fractional digits. */
const microTime = (value: string): string => `${new Date(value).toISOString().slice(0, -1)}000Z`;
const fromTime = (value: string | undefined): string | null => (value ? microTime(value) : null);

function toBody(lease: Lease): LeaseBody & { apiVersion: string; kind: string } {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: lease.metadata.name,
      namespace: lease.metadata.namespace,
      ...(lease.metadata.resourceVersion ? { resourceVersion: lease.metadata.resourceVersion } : {}),
    },
    spec: {
      ...(lease.spec.holderIdentity ? { holderIdentity: lease.spec.holderIdentity } : {}),
      ...(lease.spec.leaseDurationSeconds ? { leaseDurationSeconds: lease.spec.leaseDurationSeconds } : {}),
      ...(lease.spec.acquireTime ? { acquireTime: microTime(lease.spec.acquireTime) } : {}),
      ...(lease.spec.renewTime ? { renewTime: microTime(lease.spec.renewTime) } : {}),
      ...(lease.spec.leaseTransitions !== undefined && lease.spec.leaseTransitions !== null
        ? { leaseTransitions: lease.spec.leaseTransitions }
        : {}),
    },
  };
}

function fromBody(body: LeaseBody): Lease {
  return {
    metadata: {
      name: body.metadata?.name ?? '',
      namespace: body.metadata?.namespace ?? '',
      ...(body.metadata?.resourceVersion ? { resourceVersion: body.metadata.resourceVersion } : {}),
    },
    spec: {
      holderIdentity: body.spec?.holderIdentity ?? null,
      leaseDurationSeconds: body.spec?.leaseDurationSeconds ?? null,
      acquireTime: fromTime(body.spec?.acquireTime),
      renewTime: fromTime(body.spec?.renewTime),
      leaseTransitions: body.spec?.leaseTransitions ?? null,
    },
  };
}

const leases = (namespace: string): string => `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/leases`;

/**
 * {@link LeasePort} on `coordination.k8s.io/v1` over `@kubernetes/client-node`'s connection (times as Kubernetes
 * MicroTime). The ServiceAccount needs `get`, `create` and `update` on `leases` in the namespace.
 *
 * @example
 * ```ts
 * const leases = new ClientNodeLeases(kubeConfig);
 * ```
 */
export class ClientNodeLeases implements LeasePort {
  constructor(private readonly kubeConfig: KubeConfig) {}

  async get(namespace: string, name: string): Promise<Lease | null> {
    try {
      return fromBody(await kubeRequest<LeaseBody>(this.kubeConfig, 'GET', `${leases(namespace)}/${encodeURIComponent(name)}`));
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) return null;
      throw kubeError(`get of Lease ${namespace}/${name}`, error);
    }
  }

  async create(lease: Lease): Promise<Lease> {
    try {
      return fromBody(await kubeRequest<LeaseBody>(this.kubeConfig, 'POST', leases(lease.metadata.namespace), { body: toBody(lease) }));
    } catch (error) {
      throw kubeError(`create of Lease ${lease.metadata.namespace}/${lease.metadata.name}`, error);
    }
  }

  async replace(lease: Lease): Promise<Lease> {
    try {
      const path = `${leases(lease.metadata.namespace)}/${encodeURIComponent(lease.metadata.name)}`;
      return fromBody(await kubeRequest<LeaseBody>(this.kubeConfig, 'PUT', path, { body: toBody(lease) }));
    } catch (error) {
      throw kubeError(`update of Lease ${lease.metadata.namespace}/${lease.metadata.name}`, error);
    }
  }
}
