import type { Config } from '../config/config-schema.js';
import { kubeTarget } from '../config/kube-target.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { GitKube } from './git-kube.js';

/**
 * The {@link GitKube} of a `kube_target=git:<URL>` configuration, with the `git_*` settings.
 *
 * @throws MlflowKserveError `config_invalid` when the target is not a Git one.
 * @example
 * ```ts
 * const kube = createGitKube(loadConfig(), { onWarning: (m) => logger.warn({}, m) });
 * ```
 */
export function createGitKube(
  config: Pick<Config, 'kube_target'> &
    Partial<
      Pick<
        Config,
        | 'git_branch'
        | 'git_path'
        | 'git_author'
        | 'git_username'
        | 'git_token'
        | 'git_token_file'
        | 'git_workdir'
        | 'git_push_attempts'
        | 'git_timeout_ms'
      >
    >,
  options: { onWarning?: (message: string) => void } = {},
): GitKube {
  const target = kubeTarget(config);
  if (target.kind !== 'git') throw new MlflowKserveError('config_invalid', 'MLFLOW_KSERVE_KUBE_TARGET is not a git:<URL> target.');
  return new GitKube({
    url: target.url,
    ...(config.git_branch === undefined ? {} : { branch: config.git_branch }),
    ...(config.git_path === undefined ? {} : { path: config.git_path }),
    ...(config.git_author === undefined ? {} : { author: config.git_author }),
    ...(config.git_username === undefined ? {} : { username: config.git_username }),
    ...(config.git_token === undefined ? {} : { token: config.git_token }),
    ...(config.git_token_file === undefined ? {} : { tokenFile: config.git_token_file }),
    ...(config.git_workdir === undefined ? {} : { workdir: config.git_workdir }),
    ...(config.git_push_attempts === undefined ? {} : { pushAttempts: config.git_push_attempts }),
    ...(config.git_timeout_ms === undefined ? {} : { timeoutMs: config.git_timeout_ms }),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
}
