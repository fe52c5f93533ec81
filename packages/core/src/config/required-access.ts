import type { Config } from './config-schema.js';
import { serviceNamespaces } from './service-namespaces.js';

/** Verbs the listener needs on one resource in one namespace. */
export interface AccessGrant {
  /** `''` for a cluster-scoped resource. */
  namespace: string;
  /** API group (`''` for the core group). */
  group: string;
  resource: string;
  verbs: string[];
}

/** What the listener does to InferenceServices: read, list and watch them, create, apply (patch) and delete. */
export const inferenceServiceVerbs = ['get', 'list', 'watch', 'create', 'patch', 'delete'];
/** What a Git target's status write-back does to the InferenceServices its GitOps controller applied (`git_status_from_cluster`). */
export const statusReadVerbs = ['list', 'watch'];
/** What leader election does to its Lease. */
export const leaseVerbs = ['get', 'create', 'update'];
/** What the preflight does to KServe's ServingRuntimes (in each namespace) and ClusterServingRuntimes. */
export const servingRuntimeVerbs = ['list'];

/**
 * Every Kubernetes permission a cluster-target listener uses: the InferenceService verbs in each namespace it serves,
 * the Lease verbs in `kube_namespace` unless leader election is off, and, unless the preflight is off, `list` on
 * ServingRuntimes in each namespace and on ClusterServingRuntimes (cluster-scoped: namespace `''`). The Helm chart's
 * and k8s/rbac.yaml's Roles (and their read-only ClusterRole) grant exactly these; `/readyz` checks them
 * (`KubePort.missingAccess`).
 *
 * @example
 * ```ts
 * requiredAccess(loadConfig()); // [{ namespace: 'kserve-mlflow-models', group: 'serving.kserve.io', resource: 'inferenceservices', verbs: [...] }, …]
 * ```
 */
export function requiredAccess(
  config: Pick<Config, 'kube_namespace' | 'allowed_namespaces' | 'leader_election'> & { preflight?: Config['preflight'] },
): AccessGrant[] {
  const preflight = config.preflight !== 'off';
  return [
    ...serviceNamespaces(config).flatMap((namespace) => [
      { namespace, group: 'serving.kserve.io', resource: 'inferenceservices', verbs: inferenceServiceVerbs },
      ...(preflight ? [{ namespace, group: 'serving.kserve.io', resource: 'servingruntimes', verbs: servingRuntimeVerbs }] : []),
    ]),
    ...(config.leader_election === false
      ? []
      : [{ namespace: config.kube_namespace, group: 'coordination.k8s.io', resource: 'leases', verbs: leaseVerbs }]),
    ...(preflight ? [{ namespace: '', group: 'serving.kserve.io', resource: 'clusterservingruntimes', verbs: servingRuntimeVerbs }] : []),
  ];
}
