import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { aliasKey, type DeploymentKey, versionKey } from '../keys/deployment-key.js';

/**
 * The key a person names on the command line: a model and either a version (`3`) or an alias (`@champion`).
 *
 * @throws MlflowKserveError `bad_request` when the second part is neither.
 * @example
 * ```ts
 * parseKey('iris', '3'); // { kind: 'version', model: 'iris', version: '3' }
 * parseKey('iris', '@champion'); // { kind: 'alias', model: 'iris', alias: 'champion' }
 * ```
 */
export function parseKey(model: string, versionOrAlias: string): DeploymentKey {
  if (versionOrAlias.startsWith('@') && /^@[\w-]+$/u.test(versionOrAlias)) return aliasKey(model, versionOrAlias.slice(1));
  if (/^\d+$/.test(versionOrAlias)) return versionKey(model, versionOrAlias);
  throw new MlflowKserveError('bad_request', `"${versionOrAlias}" is neither a version number (e.g. 3) nor an alias (e.g. @champion).`, {
    retryable: false,
  });
}
