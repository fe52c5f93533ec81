import type { Config } from '../config/config-schema.js';
import { kubeTarget } from '../config/kube-target.js';
import { DirectoryKube } from '../directory/directory-kube.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { KubePort } from '../ports/kube-port.js';
import { createKubeClient } from './create-kube-client.js';

/**
 * The {@link KubePort} the configuration selects: `kube_target=dir:<path>` → {@link DirectoryKube},
 * otherwise a real cluster via {@link createKubeClient} (which says plainly when none is configured). A `git:<URL>`
 * target is `createGitKube` of `@mlflow-kserve/core/git` (kept out of this entry: its Git library is loaded only by
 * hosts that use it; `createMlflowKserve` and `serve` choose it themselves).
 *
 * @example
 * ```ts
 * const kube = createKubePort(loadConfig());
 * ```
 */
export function createKubePort(
  config: Pick<Config, 'kube_target' | 'kube_in_cluster' | 'kube_config'>,
  env: Record<string, string | undefined> = process.env,
): KubePort {
  const target = kubeTarget(config);
  if (target.kind === 'directory') return new DirectoryKube(target.path);
  if (target.kind === 'git') {
    throw new MlflowKserveError(
      'config_invalid',
      'MLFLOW_KSERVE_KUBE_TARGET is a git: target: create its port with createGitKube from @mlflow-kserve/core/git.',
    );
  }
  return createKubeClient(config, env);
}
