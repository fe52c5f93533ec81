import { aliasKey, type DeploymentKey, versionKey } from '../converge/deployment-key.js';
import type { RegistryEvent } from '../events/registry-event.js';
import { isDeployValue, type DeployPolicy } from './deploy-policy.js';

/**
 * What to do about an event: converge a key (with what the event itself asked for, which decides alone only
 * when MLflow is not configured; `refresh` when an override tag changed and only MLflow can say what is
 * wanted), or ignore it with a reason.
 */
export type Action = { type: 'converge'; key: DeploymentKey; intent: 'apply' | 'delete' | 'refresh' } | { type: 'ignore'; reason: string };

type Rule = (event: RegistryEvent, policy: DeployPolicy) => Action | undefined;

const apply = (model: string, version: string): Action => ({ type: 'converge', key: versionKey(model, version), intent: 'apply' });
const remove = (model: string, version: string): Action => ({ type: 'converge', key: versionKey(model, version), intent: 'delete' });
const alias = (model: string, name: string, intent: 'apply' | 'delete'): Action => ({
  type: 'converge',
  key: aliasKey(model, name),
  intent,
});
const ignore = (reason: string): Action => ({ type: 'ignore', reason });
const refresh = (model: string, version: string): Action => ({ type: 'converge', key: versionKey(model, version), intent: 'refresh' });
const isOverrideTag = (key: string, p: DeployPolicy): boolean => (p.overrideTags ?? []).includes(key);
const deploysAlias = (name: string, p: DeployPolicy): boolean => (p.aliases ?? []).includes(name);

/** Ordered rules: the first that answers decides. One line each. */
const rules: readonly Rule[] = [
  (e) => (e.type === 'unsupported' ? ignore(`event ${e.entity}.${e.action} is not a model-registry event this SDK acts on`) : undefined),
  (e, p) =>
    (e.type === 'model_version_tag.set' || e.type === 'model_version_tag.deleted') && isOverrideTag(e.key, p)
      ? refresh(e.model, e.version)
      : undefined,
  (e, p) =>
    e.type === 'model_version_tag.set' && e.key !== p.tagKey ? ignore(`tag "${e.key}" is not the deploy tag "${p.tagKey}"`) : undefined,
  (e, p) => (e.type === 'model_version_tag.set' && isDeployValue(e.value, p) ? apply(e.model, e.version) : undefined),
  (e) => (e.type === 'model_version_tag.set' ? remove(e.model, e.version) : undefined),
  (e, p) => (e.type === 'model_version_tag.deleted' && e.key === p.tagKey ? remove(e.model, e.version) : undefined),
  (e, p) => (e.type === 'model_version_tag.deleted' ? ignore(`tag "${e.key}" is not the deploy tag "${p.tagKey}"`) : undefined),
  (e, p) => (e.type === 'model_version.created' && isDeployValue(e.tags[p.tagKey], p) ? apply(e.model, e.version) : undefined),
  (e, p) => (e.type === 'model_version.created' ? ignore(`version was created without ${p.tagKey}=true`) : undefined),
  (e, p) =>
    (e.type === 'model_version_alias.created' || e.type === 'model_version_alias.deleted') && !deploysAlias(e.alias, p)
      ? ignore(`alias "${e.alias}" is not in MLFLOW_KSERVE_DEPLOY_ALIASES`)
      : undefined,
  (e) => (e.type === 'model_version_alias.created' ? alias(e.model, e.alias, 'apply') : undefined),
  (e) => (e.type === 'model_version_alias.deleted' ? alias(e.model, e.alias, 'delete') : undefined),
  (e) => ignore(`${e.type} does not change deployments`),
];

/**
 * Decides which key an event concerns, or that it is ignored (with a reason). Pure; the key is then
 * converged against MLflow's current state, so an old or reordered delivery cannot undo a newer one.
 *
 * @example
 * ```ts
 * decideAction(parseEvent(body), defaultDeployPolicy);
 * // { type: 'converge', key: { kind: 'version', model: 'iris-classifier', version: '3' }, intent: 'apply' }
 * ```
 */
export function decideAction(event: RegistryEvent, policy: DeployPolicy): Action {
  for (const rule of rules) {
    const action = rule(event, policy);
    if (action) return action;
  }
  return ignore('no rule matched');
}
