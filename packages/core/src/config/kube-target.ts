import { isAbsolute, win32 } from 'node:path';
import type { Config } from './config-schema.js';
import { redactUrl } from './redact-config.js';

/** Where InferenceServices go, from `kube_target`. */
export type KubeTarget = { kind: 'cluster' } | { kind: 'directory'; path: string } | { kind: 'git'; url: string };

/**
 * Reads the `kube_target` setting: `cluster`, `dir:<path>` for one YAML file per InferenceService, or
 * `git:<URL>` for those files committed to a Git repository. The one place that knows the syntax.
 *
 * @example
 * ```ts
 * kubeTarget({ kube_target: 'dir:./manifests' }); // { kind: 'directory', path: './manifests' }
 * kubeTarget({ kube_target: 'git:https://git.example.com/acme/deploy.git' }); // { kind: 'git', url: 'https://…' }
 * ```
 */
export function kubeTarget(config: Pick<Config, 'kube_target'>): KubeTarget {
  const setting = config.kube_target;
  if (setting.startsWith('dir:')) return { kind: 'directory', path: setting.slice('dir:'.length) };
  if (setting.startsWith('git:')) return { kind: 'git', url: setting.slice('git:'.length) };
  return { kind: 'cluster' };
}

/**
 * The `kube_target` setting as a log line may show it: `cluster`, a relative `dir:` path as given, and an
 * absolute one as the setting's name (logs never carry absolute file paths).
 *
 * @example
 * ```ts
 * kubeTargetForLogs({ kube_target: 'dir:/srv/manifests' }); // 'dir:<MLFLOW_KSERVE_KUBE_TARGET>'
 * kubeTargetForLogs({ kube_target: 'dir:./manifests' }); // 'dir:./manifests'
 * kubeTargetForLogs({ kube_target: 'git:https://u:t@git.example.com/d.git' }); // 'git:https://***:***@git.example.com/d.git'
 * ```
 */
export function kubeTargetForLogs(config: Pick<Config, 'kube_target'>): string {
  const target = kubeTarget(config);
  if (target.kind === 'cluster') return 'cluster';
  if (target.kind === 'git') return `git:${redactUrl(target.url)}`;
  return isAbsolute(target.path) || win32.isAbsolute(target.path) ? 'dir:<MLFLOW_KSERVE_KUBE_TARGET>' : `dir:${target.path}`;
}
