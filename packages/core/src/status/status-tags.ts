import type { DeploymentKey } from '../keys/deployment-key.js';
import { identityOf } from '../keys/identity-of.js';
import type { StatusPlace } from '../keys/key-identity.js';
import type { DeploymentStatus } from './deployment-status.js';

/** Tags to set (a value) or remove (`null`). */
export type TagChanges = Record<string, string | null>;

/** What is known of a key's deployment when its status is reported. */
export interface KeyStatusFacts {
  status: DeploymentStatus;
  /** `namespace/name` of the key's InferenceService (or manifest); unset when there is none. */
  service: string | undefined;
  /** The version it serves. */
  servedVersion: string | undefined;
  /** Directory target: the manifest's path relative to the target. `keep`: leave the tag as it is. */
  manifest?: string | undefined | 'keep';
  /**
   * Git target: the commit that wrote the manifest. `keep`: leave the tag as it is (the status of a Git target's service
   * read from the cluster, which does not know the commit).
   */
  commit?: string | undefined | 'keep';
  /** An alias's rollout, as MLflow shows it (`Progressing 25%`, `Promoted`, `RolledBack: <reason>`). */
  rollout?: string | undefined;
}

/**
 * The tags that report one key's deployment, at the key's own place ({@link StatusPlace}): state, URL
 * (removed unless Ready), `namespace/name`, message (removed when there is none), the version served (alias
 * keys), the manifest path (directory and Git targets) and the commit (Git target). `Removed` removes everything but the state, so no tag
 * names a service that does not exist; `Rejected` sets only state and message, leaving what still serves
 * described as it is. `updated_at` is added by {@link tagChanges} only when something else changed.
 *
 * @example
 * ```ts
 * statusTagsFor(aliasKey('iris', 'champion'), 'kserve.', { status, service: 'models/mlflow-iris-champion', servedVersion: '4' });
 * // { place: { on: { model: 'iris' }, … }, tags: { 'kserve.champion.status': 'Ready', 'kserve.champion.version': '4', … } }
 * ```
 */
export function statusTagsFor(key: DeploymentKey, prefix: string, facts: KeyStatusFacts): { place: StatusPlace; tags: TagChanges } {
  const place = identityOf(key).statusPlace(key, prefix);
  const names = place.tags;
  const { state } = facts.status;
  if (state === 'Rejected') return { place, tags: { [names.message]: facts.status.message ?? null, [names.status]: state } };
  const gone = state === 'Removed';
  const tags: TagChanges = {
    [names.inferenceService]: gone ? null : (facts.service ?? null),
    [names.url]: facts.status.url ?? null,
    [names.message]: facts.status.message ?? null,
  };
  if (names.servedVersion) tags[names.servedVersion] = gone ? null : (facts.servedVersion ?? null);
  if (names.manifest && !(facts.manifest === 'keep' && !gone)) tags[names.manifest] = gone ? null : (facts.manifest ?? null);
  if (names.commit && !(facts.commit === 'keep' && !gone)) tags[names.commit] = gone ? null : (facts.commit ?? null);
  if (names.rollout) tags[names.rollout] = gone ? null : (facts.rollout ?? null);
  // The state last: whoever sees the new state sees the rest written too.
  tags[names.status] = state;
  return { place, tags };
}

/**
 * Only what differs from the tags MLflow has now (removals only of tags that exist), plus `updatedAt` when
 * anything does — so an unchanged status costs no write and triggers no event.
 *
 * @example
 * ```ts
 * tagChanges({ 'kserve.status': 'Ready' }, { 'kserve.status': 'Pending' }, 'kserve.updated_at', new Date());
 * // { 'kserve.status': 'Ready', 'kserve.updated_at': '2026-…Z' }
 * ```
 */
export function tagChanges(desired: TagChanges, current: Record<string, string>, updatedAt: string, now: Date): TagChanges {
  const changes: TagChanges = {};
  for (const [key, value] of Object.entries(desired)) {
    if (value === null ? key in current : current[key] !== value) changes[key] = value;
  }
  if (Object.keys(changes).length > 0) changes[updatedAt] = now.toISOString();
  return changes;
}
