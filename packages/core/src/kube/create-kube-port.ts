import type { Config } from '../config/config-schema.js';
import { kubeTarget } from '../config/kube-target.js';
import { DirectoryKube } from '../directory/directory-kube.js';
import type { KubePort } from '../ports/kube-port.js';
import { createKubeClient } from './create-kube-client.js';

/**
 * The {@link KubePort} the configuration selects: `kube_target=dir:<path>` → {@link DirectoryKube},
 * otherwise a real cluster via {@link createKubeClient} (which says plainly when none is configured).
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
  return createKubeClient(config, env);
}
