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
    expect(decideAction(event, defaultDeployPolicy).type).toBe(expected);
  });

  it('apply → carries model and version', () => {
    expect(decideAction(tagSet('deploy', 'true'), defaultDeployPolicy)).toEqual({ type: 'apply', model: 'm', version: '3' });
  });

  it('ignore → says why', () => {
    const action = decideAction(tagSet('owner', 'x'), defaultDeployPolicy);
    expect(action).toEqual({ type: 'ignore', reason: 'tag "owner" is not the deploy tag "deploy"' });
  });

  it('custom policy (key serve, values on/yes) → apply for serve=on', () => {
    const policy = { tagKey: 'serve', trueValues: ['on', 'yes'] };
    expect(decideAction(tagSet('serve', 'ON'), policy).type).toBe('apply');
    expect(decideAction(tagSet('serve', 'true'), policy).type).toBe('delete');
    expect(decideAction(tagSet('deploy', 'true'), policy).type).toBe('ignore');
  });

  it('isDeployValue(undefined) → false', () => {
    expect(isDeployValue(undefined, defaultDeployPolicy)).toBe(false);
  });
});
