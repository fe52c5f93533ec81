import type { DeploymentKey, KeyOf } from '../../keys/deployment-key.js';
import type { ModelVersion } from '../../ports/mlflow-port.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { KeyState } from '../key-state.js';
import { aliasQuery } from './alias-query.js';
import type { KeyQuery } from './key-query.js';
import { versionQuery } from './version-query.js';

const queries: { [K in DeploymentKey['kind']]: KeyQuery<K> } = { version: versionQuery, alias: aliasQuery };

/** Every kind's query, for a reconcile's listing. */
export const keyQueries: readonly { listWanted(rt: Runtime): Promise<{ key: DeploymentKey; version: ModelVersion | undefined }[]> }[] = [
  versionQuery,
  aliasQuery,
];

/**
 * Reads MLflow's current state for a key, through its kind's query. Only MLflow's own "does not exist" (a
 * `null` from the port) means absent; any failure throws and nothing is written. A version is wanted when
 * its deploy tag is true and its registration did not fail; an alias when it is configured and exists (a
 * failed version behind it is an error that keeps the running service).
 *
 * @throws MlflowKserveError `mlflow_error` when MLflow cannot be read; `storage_uri_unusable` for an alias on a failed version.
 * @example
 * ```ts
 * const state = await readKeyState(runtime, versionKey('iris', '3'));
 * if (state.wanted) console.log(state.version.source);
 * ```
 */
export function readKeyState<K extends DeploymentKey['kind']>(rt: Runtime, key: KeyOf<K>): Promise<KeyState> {
  return (queries[key.kind as K] as KeyQuery<K>).read(rt, key);
}
