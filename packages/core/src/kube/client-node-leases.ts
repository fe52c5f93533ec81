import { CoordinationV1Api, type KubeConfig, type V1Lease, V1MicroTime } from '@kubernetes/client-node';
import type { Lease, LeasePort } from '../ports/lease-port.js';
import { kubeError } from './kube-error.js';

const toMicro = (value: string | null | undefined): V1MicroTime | undefined => (value ? new V1MicroTime(value) : undefined);
const fromTime = (value: Date | string | undefined): string | null =>
  value === undefined ? null : value instanceof Date ? new V1MicroTime(value).toISOString() : value;

function toBody(lease: Lease): V1Lease {
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
      ...(lease.spec.acquireTime ? { acquireTime: toMicro(lease.spec.acquireTime)! } : {}),
      ...(lease.spec.renewTime ? { renewTime: toMicro(lease.spec.renewTime)! } : {}),
      ...(lease.spec.leaseTransitions !== undefined && lease.spec.leaseTransitions !== null
        ? { leaseTransitions: lease.spec.leaseTransitions }
        : {}),
    },
  };
}

function fromBody(body: V1Lease): Lease {
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

/**
 * {@link LeasePort} on `coordination.k8s.io/v1` with `@kubernetes/client-node` (times as Kubernetes
 * MicroTime). The ServiceAccount needs `get`, `create` and `update` on `leases` in the namespace.
 *
 * @example
 * ```ts
 * const leases = new ClientNodeLeases(kubeConfig);
 * ```
 */
export class ClientNodeLeases implements LeasePort {
  private readonly api: CoordinationV1Api;

  constructor(kubeConfig: KubeConfig) {
    this.api = kubeConfig.makeApiClient(CoordinationV1Api);
  }

  async get(namespace: string, name: string): Promise<Lease | null> {
    try {
      return fromBody(await this.api.readNamespacedLease({ namespace, name }));
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) return null;
      throw kubeError(`get of Lease ${namespace}/${name}`, error);
    }
  }

  async create(lease: Lease): Promise<Lease> {
    try {
      return fromBody(await this.api.createNamespacedLease({ namespace: lease.metadata.namespace, body: toBody(lease) }));
    } catch (error) {
      throw kubeError(`create of Lease ${lease.metadata.namespace}/${lease.metadata.name}`, error);
    }
  }

  async replace(lease: Lease): Promise<Lease> {
    try {
      return fromBody(
        await this.api.replaceNamespacedLease({ namespace: lease.metadata.namespace, name: lease.metadata.name, body: toBody(lease) }),
      );
    } catch (error) {
      throw kubeError(`update of Lease ${lease.metadata.namespace}/${lease.metadata.name}`, error);
    }
  }
}
