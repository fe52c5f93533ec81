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

/** What an action says in one word: the keys it converges, or `ignore`. */
const summary = (event: RegistryEvent, policy = defaultDeployPolicy): string => {
  const action = decideAction(event, policy);
  return action.type === 'converge'
    ? action.keys.map((k) => (k.kind === 'alias' ? `${k.model}@${k.alias}` : `${k.model}/${k.version}`)).join(' ')
    : 'ignore';
};

describe('decideAction', () => {
  it.each<[string, RegistryEvent, string]>([
    ['tag set deploy=true', tagSet('deploy', 'true'), 'm/3'],
    ['tag set deploy=True (Python client)', tagSet('deploy', 'True'), 'm/3'],
    ['tag set deploy=false (MLflow decides: the key is looked at)', tagSet('deploy', 'false'), 'm/3'],
    ['tag set deploy="" (omitted value)', tagSet('deploy', ''), 'm/3'],
    ['tag set other=true', tagSet('owner', 'true'), 'ignore'],
    ['tag set Deploy=true (keys are case-sensitive in MLflow)', tagSet('Deploy', 'true'), 'ignore'],
    ['tag deleted deploy', tagDeleted('deploy'), 'm/3'],
    ['tag deleted other', tagDeleted('owner'), 'ignore'],
    ['version created with deploy=true', created({ deploy: 'true' }), 'm/3'],
    ['version created with deploy=false', created({ deploy: 'false' }), 'ignore'],
    ['version created without tags', created({}), 'ignore'],
    [
      'alias created (no alias configured)',
      { type: 'model_version_alias.created', model: 'm', alias: 'champion', version: '1', ...base },
      'ignore',
    ],
    ['alias deleted (no alias configured)', { type: 'model_version_alias.deleted', model: 'm', alias: 'champion', ...base }, 'ignore'],
    ['registered model created', { type: 'registered_model.created', model: 'm', tags: { deploy: 'true' }, ...base }, 'ignore'],
    ['prompt tag set', { type: 'unsupported', entity: 'prompt_tag', action: 'set', ...base }, 'ignore'],
  ])('%s → %s', (_name, event, expected) => {
    expect(summary(event)).toBe(expected);
  });

  it('deploy tag set → converges the version key, with no intent', () => {
    expect(decideAction(tagSet('deploy', 'true'), defaultDeployPolicy)).toEqual({
      type: 'converge',
      keys: [{ kind: 'version', model: 'm', version: '3' }],
    });
  });

  const aliasPolicy = { ...defaultDeployPolicy, aliases: ['champion'] };
  it.each<[string, RegistryEvent, unknown]>([
    [
      'alias champion created (configured)',
      { type: 'model_version_alias.created', model: 'm', alias: 'champion', version: '1', ...base },
      { type: 'converge', keys: [{ kind: 'alias', model: 'm', alias: 'champion' }] },
    ],
    [
      'alias champion deleted (configured)',
      { type: 'model_version_alias.deleted', model: 'm', alias: 'champion', ...base },
      { type: 'converge', keys: [{ kind: 'alias', model: 'm', alias: 'champion' }] },
    ],
    [
      'alias staging created (not configured)',
      { type: 'model_version_alias.created', model: 'm', alias: 'staging', version: '1', ...base },
      { type: 'ignore', code: 'alias_not_deployed', reason: 'alias "staging" is not in MLFLOW_KSERVE_DEPLOY_ALIASES' },
    ],
    [
      'alias Champion created (aliases are case-sensitive)',
      { type: 'model_version_alias.created', model: 'm', alias: 'Champion', version: '1', ...base },
      { type: 'ignore', code: 'alias_not_deployed', reason: 'alias "Champion" is not in MLFLOW_KSERVE_DEPLOY_ALIASES' },
    ],
  ])('%s → %j', (_name, event, expected) => {
    expect(decideAction(event, aliasPolicy)).toEqual(expected);
  });

  it('a tag under the metadata prefix set or deleted → the version and every deployed alias (its tags are copied onto them); without the prefix → ignored', () => {
    const policy = { ...defaultDeployPolicy, metadataTagPrefix: 'team.', aliases: ['champion'] };
    expect(summary(tagSet('team.owner', 'fraud'), policy)).toBe('m/3 m@champion');
    expect(summary(tagDeleted('team.owner'), policy)).toBe('m/3 m@champion');
    expect(summary(tagSet('team.owner', 'fraud'))).toBe('ignore');
  });

  it('an override tag set or deleted, when overrides are on → the version and every deployed alias of the model', () => {
    const policy = { ...defaultDeployPolicy, overrideTags: ['kserve.max_replicas'], aliases: ['champion', 'challenger'] };
    expect(summary(tagSet('kserve.max_replicas', '2'), policy)).toBe('m/3 m@champion m@challenger');
    expect(summary(tagDeleted('kserve.max_replicas'), policy)).toBe('m/3 m@champion m@challenger');
    expect(summary(tagSet('kserve.max_replicas', '2'), { ...defaultDeployPolicy, overrideTags: ['kserve.max_replicas'] })).toBe('m/3');
    expect(summary(tagSet('kserve.max_replicas', '2'))).toBe('ignore');
  });

  it('ignore → says why', () => {
    const action = decideAction(tagSet('owner', 'x'), defaultDeployPolicy);
    expect(action).toEqual({ type: 'ignore', code: 'other_tag', reason: 'tag "owner" is not the deploy tag "deploy"' });
  });

  it('a status tag (kserve.status, kserve.url) set or deleted → ignored as status_echo', () => {
    const policy = { ...defaultDeployPolicy, statusTagPrefix: 'kserve.', overrideTags: ['kserve.max_replicas'] };
    for (const event of [tagSet('kserve.status', 'Ready'), tagDeleted('kserve.url'), tagSet('kserve.updated_at', 'x')]) {
      expect(decideAction(event, policy)).toMatchObject({ type: 'ignore', code: 'status_echo' });
    }
  });

  it('override and deploy tags under the status prefix → still converge (the echo rule comes after them)', () => {
    const policy = { tagKey: 'kserve.deploy', trueValues: ['true'], statusTagPrefix: 'kserve.', overrideTags: ['kserve.max_replicas'] };
    expect(summary(tagSet('kserve.max_replicas', '2'), policy)).toBe('m/3');
    expect(summary(tagSet('kserve.deploy', 'true'), policy)).toBe('m/3');
  });

  it('custom policy (key serve) → the serve tag converges, the deploy tag is ignored', () => {
    const policy = { tagKey: 'serve', trueValues: ['on', 'yes'] };
    expect(summary(tagSet('serve', 'ON'), policy)).toBe('m/3');
    expect(summary(created({ serve: 'yes' }), policy)).toBe('m/3');
    expect(summary(created({ serve: 'true' }), policy)).toBe('ignore');
    expect(summary(tagSet('deploy', 'true'), policy)).toBe('ignore');
  });

  it('isDeployValue: trimmed, any letter case; undefined → false', () => {
    expect(isDeployValue(' TRUE ', defaultDeployPolicy)).toBe(true);
    expect(isDeployValue('yes', defaultDeployPolicy)).toBe(false);
    expect(isDeployValue(undefined, defaultDeployPolicy)).toBe(false);
  });
});
