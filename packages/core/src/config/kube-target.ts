import { isAbsolute, win32 } from 'node:path';
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

/**
 * The `kube_target` setting as a log line may show it: `cluster`, a relative `dir:` path as given, and an
 * absolute one as the setting's name (logs never carry absolute file paths).
 *
 * @example
 * ```ts
 * kubeTargetForLogs({ kube_target: 'dir:/srv/manifests' }); // 'dir:<MLFLOW_KSERVE_KUBE_TARGET>'
 * kubeTargetForLogs({ kube_target: 'dir:./manifests' }); // 'dir:./manifests'
 * ```
 */
export function kubeTargetForLogs(config: Pick<Config, 'kube_target'>): string {
  const target = kubeTarget(config);
  if (target.kind === 'cluster') return 'cluster';
  return isAbsolute(target.path) || win32.isAbsolute(target.path) ? 'dir:<MLFLOW_KSERVE_KUBE_TARGET>' : `dir:${target.path}`;
}
