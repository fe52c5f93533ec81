import type { RegistryEvent } from '../events/registry-event.js';
import { isDeployValue, type DeployPolicy } from './deploy-policy.js';

/** What to do about an event. */
export type Action =
  | { type: 'apply'; model: string; version: string }
  | { type: 'delete'; model: string; version: string }
  | { type: 'ignore'; reason: string };

type Rule = (event: RegistryEvent, policy: DeployPolicy) => Action | undefined;

const apply = (model: string, version: string): Action => ({ type: 'apply', model, version });
const remove = (model: string, version: string): Action => ({ type: 'delete', model, version });
const ignore = (reason: string): Action => ({ type: 'ignore', reason });

/** Ordered rules: the first that answers decides. One line each. */
const rules: readonly Rule[] = [
  (e) => (e.type === 'unsupported' ? ignore(`event ${e.entity}.${e.action} is not a model-registry event this SDK acts on`) : undefined),
  (e, p) =>
    e.type === 'model_version_tag.set' && e.key !== p.tagKey ? ignore(`tag "${e.key}" is not the deploy tag "${p.tagKey}"`) : undefined,
  (e, p) => (e.type === 'model_version_tag.set' && isDeployValue(e.value, p) ? apply(e.model, e.version) : undefined),
  (e) => (e.type === 'model_version_tag.set' ? remove(e.model, e.version) : undefined),
  (e, p) => (e.type === 'model_version_tag.deleted' && e.key === p.tagKey ? remove(e.model, e.version) : undefined),
  (e, p) => (e.type === 'model_version_tag.deleted' ? ignore(`tag "${e.key}" is not the deploy tag "${p.tagKey}"`) : undefined),
  (e, p) => (e.type === 'model_version.created' && isDeployValue(e.tags[p.tagKey], p) ? apply(e.model, e.version) : undefined),
  (e, p) => (e.type === 'model_version.created' ? ignore(`version was created without ${p.tagKey}=true`) : undefined),
  (e) => ignore(`${e.type} does not change deployments`),
];

/**
 * Decides what an event asks for: `apply`, `delete` or `ignore` with a reason. Pure; the handler then
 * checks the version's current tags in MLflow, so an old or reordered delivery cannot undo a newer one.
 *
 * @example
 * ```ts
 * decideAction(parseEvent(body), defaultDeployPolicy);
 * // { type: 'apply', model: 'iris-classifier', version: '3' }
 * ```
 */
export function decideAction(event: RegistryEvent, policy: DeployPolicy): Action {
  for (const rule of rules) {
    const action = rule(event, policy);
    if (action) return action;
  }
  return ignore('no rule matched');
}
