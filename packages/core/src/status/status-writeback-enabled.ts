import type { Config } from '../config/config-schema.js';
import { kubeTarget } from '../config/kube-target.js';

/**
 * Whether deployment status is written back to MLflow: `status_writeback` when set, else on for a cluster
 * or Git target (`Committed` and the commit) and off for a directory target.
 *
 * @example
 * ```ts
 * statusWritebackEnabled(config); // true
 * ```
 */
export function statusWritebackEnabled(config: Pick<Config, 'status_writeback' | 'kube_target'>): boolean {
  return config.status_writeback ?? kubeTarget(config).kind !== 'directory';
}
