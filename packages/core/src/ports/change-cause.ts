import type { DeploymentKey } from '../keys/deployment-key.js';

/**
 * Why a change to the target is made, for targets that record it (the Git target's commit message and trailers).
 *
 * @example
 * ```ts
 * const cause: ChangeCause = { key: versionKey('fraud', '3'), why: 'deploy=true', delivery: 'b1c2…' };
 * ```
 */
export interface ChangeCause {
  /** The deployment key converged, when one is. */
  key?: DeploymentKey;
  /** Why MLflow wants (or no longer wants) the key's service, e.g. `deploy=true`. */
  why?: string;
  /** MLflow's delivery id, when a webhook delivery triggered the change. */
  delivery?: string;
  /** What ran, when not a delivery: `reconcile`, `sync`, … */
  trigger?: string;
}
