import { aliasKey, type DeploymentKey, versionKey } from '../keys/deployment-key.js';
import type { RegistryEvent } from '../events/registry-event.js';
import { isDeployValue, type DeployPolicy } from './deploy-policy.js';

/**
 * Which keys an event concerns — converge each against MLflow's current state — or that it concerns none
 * (with the reason). An event never says what should happen to a key: MLflow does, when the key is read.
 */
export type Action = { type: 'converge'; keys: DeploymentKey[] } | { type: 'ignore'; reason: string };

type Rule = (event: RegistryEvent, policy: DeployPolicy) => Action | undefined;

const converge = (...keys: DeploymentKey[]): Action => ({ type: 'converge', keys });
const ignore = (reason: string): Action => ({ type: 'ignore', reason });
const isOverrideTag = (key: string, p: DeployPolicy): boolean => (p.overrideTags ?? []).includes(key);
const deploysAlias = (name: string, p: DeployPolicy): boolean => (p.aliases ?? []).includes(name);
/** A version's override tags shape its own service and that of every deployed alias that may point to it. */
const servicesOfVersion = (model: string, version: string, p: DeployPolicy): Action =>
  converge(versionKey(model, version), ...(p.aliases ?? []).map((alias) => aliasKey(model, alias)));

/** Ordered rules: the first that answers decides. One line each. */
const rules: readonly Rule[] = [
  (e) => (e.type === 'unsupported' ? ignore(`event ${e.entity}.${e.action} is not a model-registry event this SDK acts on`) : undefined),
  (e, p) =>
    (e.type === 'model_version_tag.set' || e.type === 'model_version_tag.deleted') && isOverrideTag(e.key, p)
      ? servicesOfVersion(e.model, e.version, p)
      : undefined,
  (e, p) =>
    (e.type === 'model_version_tag.set' || e.type === 'model_version_tag.deleted') && e.key === p.tagKey
      ? converge(versionKey(e.model, e.version))
      : undefined,
  (e, p) =>
    e.type === 'model_version_tag.set' || e.type === 'model_version_tag.deleted'
      ? ignore(`tag "${e.key}" is not the deploy tag "${p.tagKey}"`)
      : undefined,
  (e, p) =>
    e.type === 'model_version.created' && isDeployValue(e.tags[p.tagKey], p) ? converge(versionKey(e.model, e.version)) : undefined,
  (e, p) => (e.type === 'model_version.created' ? ignore(`version was created without ${p.tagKey}=true`) : undefined),
  (e, p) =>
    (e.type === 'model_version_alias.created' || e.type === 'model_version_alias.deleted') && !deploysAlias(e.alias, p)
      ? ignore(`alias "${e.alias}" is not in MLFLOW_KSERVE_DEPLOY_ALIASES`)
      : undefined,
  (e) =>
    e.type === 'model_version_alias.created' || e.type === 'model_version_alias.deleted' ? converge(aliasKey(e.model, e.alias)) : undefined,
  (e) => ignore(`${e.type} does not change deployments`),
];

/**
 * Decides which keys an event concerns, or that it is ignored (with a reason). Pure, and it decides only
 * *which* keys to look at: each is then converged against MLflow's current state, so an old or reordered
 * delivery cannot undo a newer one. A deploy-tag change concerns its version; an alias change its alias
 * (when listed in `MLFLOW_KSERVE_DEPLOY_ALIASES`); an override tag its version and every deployed alias of
 * the model (any of them may serve that version).
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
  return ignore('no rule matched');
}
