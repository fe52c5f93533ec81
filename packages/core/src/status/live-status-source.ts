import { kubeTarget } from '../config/kube-target.js';
import type { KubePort } from '../ports/kube-port.js';
import type { Runtime } from '../runtime/runtime.js';

/**
 * Where the status writer reads live InferenceServices (KServe's status, the URL): the cluster of a cluster target;
 * for a Git target with `git_status_from_cluster`, the cluster its GitOps controller applies the committed files to;
 * otherwise nowhere (`undefined`): a directory or a Git target alone holds files without a status, whose keys show
 * `Rendered` or `Committed`.
 *
 * @example
 * ```ts
 * const source = liveStatusSource(runtime);
 * if (source) await source.list('models', Ownership.selector);
 * ```
 */
export function liveStatusSource(rt: Pick<Runtime, 'config' | 'kube' | 'clusterView'>): KubePort | undefined {
  const kind = kubeTarget(rt.config).kind;
  if (kind === 'cluster') return rt.kube;
  if (kind === 'git') return rt.clusterView;
  return undefined;
}
