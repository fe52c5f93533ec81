import type { DeploymentKey, KeyOf } from '../../keys/deployment-key.js';
import type { ModelVersion } from '../../ports/mlflow-port.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { KeyState } from '../key-state.js';

/**
 * What MLflow says about keys of one kind: whether one key is wanted now (and which version it serves),
 * and, for a reconcile, every key of the kind MLflow wants. The pure half of a kind (names, annotations,
 * status tags) is its identity in `keys/`.
 */
export interface KeyQuery<K extends DeploymentKey['kind'] = DeploymentKey['kind']> {
  kind: K;
  /** MLflow's current state for the key (only MLflow's own "does not exist" may mean absent). */
  read(rt: Runtime, key: KeyOf<K>): Promise<KeyState>;
  /** Reconcile: the keys of this kind MLflow wants now, each with the version it serves (snapshot). */
  listWanted(rt: Runtime): Promise<{ key: KeyOf<K>; version: ModelVersion | undefined }[]>;
}
