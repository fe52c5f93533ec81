import { aliasKey, type DeploymentKey, versionKey } from '../keys/deployment-key.js';
import type { RegistryEvent } from '../events/registry-event.js';
import { isDeployValue, type DeployPolicy } from './deploy-policy.js';

/**
 * Which keys an event concerns — converge each against MLflow's current state — or that it concerns none
 * (with the reason). An event never says what should happen to a key: MLflow does, when the key is read.
 */
export type Action = { type: 'converge'; keys: DeploymentKey[] } | { type: 'ignore'; reason: string; code: IgnoreCode };

/**
 * Why an event concerns no key, as a metric label: `status_echo` (a status tag this listener wrote, coming
 * back as a delivery), `other_tag` (a version tag that is neither the deploy tag nor an override),
 * `created_without_deploy` (a version registered without the deploy tag), `alias_not_deployed` (an alias
 * outside `MLFLOW_KSERVE_DEPLOY_ALIASES`), `unsupported_event` (not a model-registry event this SDK acts on),
 * `no_effect` (a registry event that changes no deployment).
 */
export type IgnoreCode = 'status_echo' | 'other_tag' | 'created_without_deploy' | 'alias_not_deployed' | 'unsupported_event' | 'no_effect';

/** Every {@link IgnoreCode}, for metrics that start each label at zero. */
export const ignoreCodes: readonly IgnoreCode[] = [
  'status_echo',
  'other_tag',
  'created_without_deploy',
  'alias_not_deployed',
  'unsupported_event',
  'no_effect',
];

type Rule = (event: RegistryEvent, policy: DeployPolicy) => Action | undefined;

const converge = (...keys: DeploymentKey[]): Action => ({ type: 'converge', keys });
const ignore = (code: IgnoreCode, reason: string): Action => ({ type: 'ignore', reason, code });
const isTagEvent = (e: RegistryEvent): e is Extract<RegistryEvent, { type: 'model_version_tag.set' | 'model_version_tag.deleted' }> =>
  e.type === 'model_version_tag.set' || e.type === 'model_version_tag.deleted';
const isOverrideTag = (key: string, p: DeployPolicy): boolean => (p.overrideTags ?? []).includes(key);
const deploysAlias = (name: string, p: DeployPolicy): boolean => (p.aliases ?? []).includes(name);
/** A version's override tags shape its own service and that of every deployed alias that may point to it. */
const servicesOfVersion = (model: string, version: string, p: DeployPolicy): Action =>
  converge(versionKey(model, version), ...(p.aliases ?? []).map((alias) => aliasKey(model, alias)));

/** Ordered rules: the first that answers decides. One line each. */
const rules: readonly Rule[] = [
  (e) =>
    e.type === 'unsupported'
      ? ignore('unsupported_event', `event ${e.entity}.${e.action} is not a model-registry event this SDK acts on`)
      : undefined,
  (e, p) => (isTagEvent(e) && isOverrideTag(e.key, p) ? servicesOfVersion(e.model, e.version, p) : undefined),
  (e, p) => (isTagEvent(e) && e.key === p.tagKey ? converge(versionKey(e.model, e.version)) : undefined),
  (e, p) =>
    isTagEvent(e) && p.metadataTagPrefix !== undefined && e.key.startsWith(p.metadataTagPrefix)
      ? servicesOfVersion(e.model, e.version, p)
      : undefined,
  (e, p) =>
    isTagEvent(e) && p.statusTagPrefix !== undefined && e.key.startsWith(p.statusTagPrefix)
      ? ignore('status_echo', `tag "${e.key}" is a status tag this listener writes`)
      : undefined,
  (e, p) => (isTagEvent(e) ? ignore('other_tag', `tag "${e.key}" is not the deploy tag "${p.tagKey}"`) : undefined),
  (e, p) =>
    e.type === 'model_version.created' && isDeployValue(e.tags[p.tagKey], p) ? converge(versionKey(e.model, e.version)) : undefined,
  (e, p) =>
    e.type === 'model_version.created' ? ignore('created_without_deploy', `version was created without ${p.tagKey}=true`) : undefined,
  (e, p) =>
    (e.type === 'model_version_alias.created' || e.type === 'model_version_alias.deleted') && !deploysAlias(e.alias, p)
      ? ignore('alias_not_deployed', `alias "${e.alias}" is not in MLFLOW_KSERVE_DEPLOY_ALIASES`)
      : undefined,
  (e) =>
    e.type === 'model_version_alias.created' || e.type === 'model_version_alias.deleted' ? converge(aliasKey(e.model, e.alias)) : undefined,
  (e) => ignore('no_effect', `${e.type} does not change deployments`),
];

/**
 * Decides which keys an event concerns, or that it is ignored (with a reason). Pure, and it decides only
 * *which* keys to look at: each is then converged against MLflow's current state, so an old or reordered
 * delivery cannot undo a newer one. A deploy-tag change concerns its version; an alias change its alias
 * (when listed in `MLFLOW_KSERVE_DEPLOY_ALIASES`); an override tag its version and every deployed alias of
 * the model (any of them may serve that version), and so does a tag under the metadata prefix (copied onto them). Any other tag under the status prefix is the echo of a
 * status tag this listener wrote, and concerns nothing (`code: 'status_echo'`).
 *
 * @example
 * ```ts
 * decideAction(parseEvent(body), defaultDeployPolicy);
 * // { type: 'converge', keys: [{ kind: 'version', model: 'iris-classifier', version: '3' }] }
 * ```
 */
export function decideAction(event: RegistryEvent, policy: DeployPolicy): Action {
  for (const rule of rules) {
    const action = rule(event, policy);
    if (action) return action;
  }
  return ignore('no_effect', 'no rule matched');
}
