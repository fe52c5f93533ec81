import type { Config } from './config-schema.js';

/** Where InferenceServices go, from `kube_target`. */
export type KubeTarget = { kind: 'cluster' } | { kind: 'directory'; path: string };

/**
 * Reads the `kube_target` setting: `cluster`, or `dir:<path>` for one YAML file per InferenceService. The
 * one place that knows the `dir:` syntax.
 *
 * @example
 * ```ts
 * kubeTarget({ kube_target: 'dir:./manifests' }); // { kind: 'directory', path: './manifests' }
 * ```
 */
export function kubeTarget(config: Pick<Config, 'kube_target'>): KubeTarget {
  return config.kube_target.startsWith('dir:') ? { kind: 'directory', path: config.kube_target.slice('dir:'.length) } : { kind: 'cluster' };
}
