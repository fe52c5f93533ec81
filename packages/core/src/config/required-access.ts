import type { Config } from './config-schema.js';
import { serviceNamespaces } from './service-namespaces.js';

/** Verbs the listener needs on one resource in one namespace. */
export interface AccessGrant {
  namespace: string;
  /** API group (`''` for the core group). */
  group: string;
  resource: string;
  verbs: string[];
}

/** What the listener does to InferenceServices: read, list and watch them, create, apply (patch) and delete. */
export const inferenceServiceVerbs = ['get', 'list', 'watch', 'create', 'patch', 'delete'];
/** What leader election does to its Lease. */
export const leaseVerbs = ['get', 'create', 'update'];

/**
 * Every Kubernetes permission a cluster-target listener uses: the InferenceService verbs in each namespace it serves,
 * and the Lease verbs in `kube_namespace` unless leader election is off. The Helm chart's and k8s/rbac.yaml's Roles
 * grant exactly these; `/readyz` checks them (`KubePort.missingAccess`).
 *
 * @example
 * ```ts
 * requiredAccess(loadConfig()); // [{ namespace: 'kserve-mlflow-models', group: 'serving.kserve.io', resource: 'inferenceservices', verbs: [...] }, …]
 * ```
 */
export function requiredAccess(config: Pick<Config, 'kube_namespace' | 'allowed_namespaces' | 'leader_election'>): AccessGrant[] {
  return [
    ...serviceNamespaces(config).map((namespace) => ({
      namespace,
      group: 'serving.kserve.io',
      resource: 'inferenceservices',
      verbs: inferenceServiceVerbs,
    })),
    ...(config.leader_election === false
      ? []
      : [{ namespace: config.kube_namespace, group: 'coordination.k8s.io', resource: 'leases', verbs: leaseVerbs }]),
  ];
}
