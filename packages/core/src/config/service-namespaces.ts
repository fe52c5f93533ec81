import type { Config } from './config-schema.js';

/**
 * Every namespace InferenceServices may live in: `kube_namespace` (the default) first, then
 * `allowed_namespaces`. Listing, reconciling, watching and cleaning up after a move cover all of them.
 *
 * @example
 * ```ts
 * serviceNamespaces({ kube_namespace: 'models', allowed_namespaces: ['models-gpu'] }); // ['models', 'models-gpu']
 * ```
 */
export function serviceNamespaces(config: Pick<Config, 'kube_namespace' | 'allowed_namespaces'>): string[] {
  return [...new Set([config.kube_namespace, ...config.allowed_namespaces])];
}
