/**
 * `@mlflow-kserve/core/kube`: the `@kubernetes/client-node` implementation of {@link KubePort}.
 * Kept off the root entry so that importing `renderManifest` never loads client-node.
 * @packageDocumentation
 */
export { ClientNodeKube, type ClientNodeKubeOptions } from './kube/client-node-kube.js';
export { createKubeClient } from './kube/create-kube-client.js';
export { kubeError } from './kube/kube-error.js';
export type { KubePort, ApplyPrecondition } from './ports/kube-port.js';
export type { ServingRuntimeSummary } from './ports/serving-runtime-summary.js';
export { servingRuntimeSummary } from './kube/serving-runtime-summary.js';
export { createKubePort } from './kube/create-kube-port.js';
export { ClientNodeLeases } from './kube/client-node-leases.js';
export type { Lease, LeasePort } from './ports/lease-port.js';
export { reuseConnections } from './kube/reuse-connections.js';
