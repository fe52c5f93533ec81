import { describe, expect, it } from 'vitest';
import type { RegistryEvent } from '../events/registry-event.js';
import { decideAction } from './decide-action.js';
import { defaultDeployPolicy, isDeployValue } from './deploy-policy.js';

const base = { timestamp: undefined, workspace: undefined };
const tagSet = (key: string, value: string): RegistryEvent => ({
  type: 'model_version_tag.set',
  model: 'm',
  version: '3',
  key,
  value,
  runId: undefined,
  experimentId: undefined,
  ...base,
});
const tagDeleted = (key: string): RegistryEvent => ({ type: 'model_version_tag.deleted', model: 'm', version: '3', key, ...base });
const created = (tags: Record<string, string>): RegistryEvent => ({
  type: 'model_version.created',
  model: 'm',
  version: '3',
  source: undefined,
  runId: undefined,
  tags,
  ...base,
});

describe('decideAction', () => {
  it.each<[string, RegistryEvent, string]>([
    ['tag set deploy=true', tagSet('deploy', 'true'), 'apply'],
    ['tag set deploy=True (Python client)', tagSet('deploy', 'True'), 'apply'],
    ['tag set deploy=" TRUE "', tagSet('deploy', ' TRUE '), 'apply'],
    ['tag set deploy=false', tagSet('deploy', 'false'), 'delete'],
    ['tag set deploy="" (omitted value)', tagSet('deploy', ''), 'delete'],
    ['tag set deploy=yes', tagSet('deploy', 'yes'), 'delete'],
    ['tag set other=true', tagSet('owner', 'true'), 'ignore'],
    ['tag set Deploy=true (keys are case-sensitive in MLflow)', tagSet('Deploy', 'true'), 'ignore'],
    ['tag deleted deploy', tagDeleted('deploy'), 'delete'],
    ['tag deleted other', tagDeleted('owner'), 'ignore'],
    ['version created with deploy=true', created({ deploy: 'true' }), 'apply'],
    ['version created with deploy=false', created({ deploy: 'false' }), 'ignore'],
    ['version created without tags', created({}), 'ignore'],
    ['alias created', { type: 'model_version_alias.created', model: 'm', alias: 'champion', version: '1', ...base }, 'ignore'],
    ['alias deleted', { type: 'model_version_alias.deleted', model: 'm', alias: 'champion', ...base }, 'ignore'],
    ['registered model created', { type: 'registered_model.created', model: 'm', tags: { deploy: 'true' }, ...base }, 'ignore'],
    ['prompt tag set', { type: 'unsupported', entity: 'prompt_tag', action: 'set', ...base }, 'ignore'],
  ])('%s → %s', (_name, event, expected) => {
    const action = decideAction(event, defaultDeployPolicy);
    expect(action.type === 'converge' ? action.intent : action.type).toBe(expected);
  });

  it('apply → converges the version key', () => {
    expect(decideAction(tagSet('deploy', 'true'), defaultDeployPolicy)).toEqual({
      type: 'converge',
      key: { kind: 'version', model: 'm', version: '3' },
      intent: 'apply',
    });
  });

  const aliasPolicy = { ...defaultDeployPolicy, aliases: ['champion'] };
  it.each<[string, RegistryEvent, unknown]>([
    [
      'alias champion created (configured)',
      { type: 'model_version_alias.created', model: 'm', alias: 'champion', version: '1', ...base },
      { type: 'converge', key: { kind: 'alias', model: 'm', alias: 'champion' }, intent: 'apply' },
    ],
    [
      'alias champion deleted (configured)',
      { type: 'model_version_alias.deleted', model: 'm', alias: 'champion', ...base },
      { type: 'converge', key: { kind: 'alias', model: 'm', alias: 'champion' }, intent: 'delete' },
    ],
    [
      'alias staging created (not configured)',
      { type: 'model_version_alias.created', model: 'm', alias: 'staging', version: '1', ...base },
      { type: 'ignore', reason: 'alias "staging" is not in MLFLOW_KSERVE_DEPLOY_ALIASES' },
    ],
    [
      'alias Champion created (aliases are case-sensitive)',
      { type: 'model_version_alias.created', model: 'm', alias: 'Champion', version: '1', ...base },
      { type: 'ignore', reason: 'alias "Champion" is not in MLFLOW_KSERVE_DEPLOY_ALIASES' },
    ],
  ])('%s → %j', (_name, event, expected) => {
    expect(decideAction(event, aliasPolicy)).toEqual(expected);
  });

  it('an override tag set or deleted, when overrides are on → the version converged again (refresh)', () => {
    const policy = { ...defaultDeployPolicy, overrideTags: ['kserve.max_replicas'] };
    const refresh = { type: 'converge', key: { kind: 'version', model: 'm', version: '3' }, intent: 'refresh' };
    expect(decideAction(tagSet('kserve.max_replicas', '2'), policy)).toEqual(refresh);
    expect(decideAction(tagDeleted('kserve.max_replicas'), policy)).toEqual(refresh);
    expect(decideAction(tagSet('kserve.max_replicas', '2'), defaultDeployPolicy).type).toBe('ignore');
  });

  it('ignore → says why', () => {
    const action = decideAction(tagSet('owner', 'x'), defaultDeployPolicy);
    expect(action).toEqual({ type: 'ignore', reason: 'tag "owner" is not the deploy tag "deploy"' });
  });

  it('custom policy (key serve, values on/yes) → apply for serve=on', () => {
    const policy = { tagKey: 'serve', trueValues: ['on', 'yes'] };
    const intent = (event: RegistryEvent) => {
      const action = decideAction(event, policy);
      return action.type === 'converge' ? action.intent : action.type;
    };
    expect(intent(tagSet('serve', 'ON'))).toBe('apply');
    expect(intent(tagSet('serve', 'true'))).toBe('delete');
    expect(intent(tagSet('deploy', 'true'))).toBe('ignore');
  });

  it('isDeployValue(undefined) → false', () => {
    expect(isDeployValue(undefined, defaultDeployPolicy)).toBe(false);
  });
});
