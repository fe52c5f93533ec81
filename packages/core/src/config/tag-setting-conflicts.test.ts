import { describe, expect, it } from 'vitest';
import { versionKey } from '../keys/deployment-key.js';
import { identityOf } from '../keys/identity-of.js';
import { loadConfig } from './load-config.js';
import { overrideNames } from './override-names.js';
import { tagSettingConflicts } from './tag-setting-conflicts.js';

const base = { MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 's3cret' };

describe('tagSettingConflicts', () => {
  it('defaults (both prefixes kserve.) → no conflict', () => {
    expect(tagSettingConflicts(loadConfig(base))).toEqual([]);
  });

  it('MLFLOW_KSERVE_DEPLOY_TAG_KEY=kserve.status → loadConfig refuses, naming both settings', () => {
    expect(() => loadConfig({ ...base, MLFLOW_KSERVE_DEPLOY_TAG_KEY: 'kserve.status' })).toThrow(
      /MLFLOW_KSERVE_DEPLOY_TAG_KEY "kserve.status" lies under MLFLOW_KSERVE_STATUS_TAG_PREFIX "kserve\."/,
    );
  });

  it('MLFLOW_KSERVE_METADATA_TAG_PREFIX=kserve. (or k, or kserve.team.) → refused, naming the status and override prefixes; team. → accepted', () => {
    for (const prefix of ['kserve.', 'k', 'kserve.team.']) {
      expect(() => loadConfig({ ...base, MLFLOW_KSERVE_METADATA_TAG_PREFIX: prefix }), prefix).toThrow(
        /MLFLOW_KSERVE_METADATA_TAG_PREFIX ".+" overlaps MLFLOW_KSERVE_STATUS_TAG_PREFIX "kserve\."[\s\S]*overlaps MLFLOW_KSERVE_OVERRIDE_TAG_PREFIX/,
      );
    }
    expect(tagSettingConflicts(loadConfig({ ...base, MLFLOW_KSERVE_METADATA_TAG_PREFIX: 'team.' }))).toEqual([]);
  });

  it('deploy tag key kserve.deploy with status prefix mlflow-kserve. → accepted', () => {
    expect(tagSettingConflicts({ ...loadConfig(base), deploy_tag_key: 'kserve.deploy', status_tag_prefix: 'mlflow-kserve.' })).toEqual([]);
  });

  it('deploy tag key kserve.runtime (status prefix elsewhere) → refused as an override tag, naming MLFLOW_KSERVE_OVERRIDE_TAG_PREFIX', () => {
    const conflicts = tagSettingConflicts({ ...loadConfig(base), deploy_tag_key: 'kserve.runtime', status_tag_prefix: 'status.' });
    expect(conflicts.map((c) => c.keys)).toEqual([['deploy_tag_key', 'override_tag_prefix']]);
    expect(conflicts[0]!.problem).toMatch(/MLFLOW_KSERVE_OVERRIDE_TAG_PREFIX "kserve\."/);
  });

  it('override names and status tag names → none ends like another, so no pair of prefixes makes an override tag a status tag', () => {
    const statusNames = Object.values(identityOf(versionKey('m', '1')).statusPlace(versionKey('m', '1'), '').tags);
    for (const override of overrideNames) {
      for (const status of statusNames) {
        expect(override.endsWith(status) || status.endsWith(override)).toBe(false);
      }
    }
  });
});
