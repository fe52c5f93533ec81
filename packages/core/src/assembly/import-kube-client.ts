import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';

type KubeClientModule = typeof import('../kube/create-kube-client.js');

/**
 * Loads the cluster client on demand (it pulls in `@kubernetes/client-node`, an optional peer of the core),
 * saying what to install when it is missing.
 *
 * @throws MlflowKserveError `config_invalid` naming the package to install.
 * @example
 * ```ts
 * const { createKubeClient } = await importKubeClient();
 * ```
 */
export async function importKubeClient(
  load: () => Promise<KubeClientModule> = () => import('../kube/create-kube-client.js'),
): Promise<KubeClientModule> {
  try {
    return await load();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if ((e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') && String(e.message).includes('@kubernetes/client-node')) {
      throw new MlflowKserveError(
        'config_invalid',
        'A cluster target needs @kubernetes/client-node, which is not installed: npm install @kubernetes/client-node@~1.4 (or set MLFLOW_KSERVE_KUBE_TARGET=dir:<path> to write YAML files instead).',
        { cause: error },
      );
    }
    throw error;
  }
}
