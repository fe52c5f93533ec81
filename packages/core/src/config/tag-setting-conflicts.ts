import type { Config } from './config-schema.js';
import { overrideNames } from './override-names.js';

/** One conflict between the tag settings: the settings involved and what to do. */
export interface TagSettingConflict {
  keys: (keyof Config)[];
  problem: string;
}

const env = (key: keyof Config): string => `MLFLOW_KSERVE_${key.toUpperCase()}`;

/**
 * Conflicts between the tags a model's owner sets and the tags the listener writes: a deploy tag key under
 * the status prefix (the listener's own status writes would turn deployments on or off) or equal to an
 * override tag. Both prefixes default to `kserve.` and may share a prefix: no override name and no status
 * tag name end alike, so an override tag is never a status tag whatever the prefixes
 * (`tag-setting-conflicts.test.ts` keeps it so).
 *
 * @example
 * ```ts
 * tagSettingConflicts({ ...config, deploy_tag_key: 'kserve.status' });
 * // [{ keys: ['deploy_tag_key', 'status_tag_prefix'], problem: 'MLFLOW_KSERVE_DEPLOY_TAG_KEY "kserve.status" lies under …' }]
 * ```
 */
export function tagSettingConflicts(config: Config): TagSettingConflict[] {
  const conflicts: TagSettingConflict[] = [];
  const deployKey = config.deploy_tag_key;
  const statusPrefix = config.status_tag_prefix;
  if (deployKey.startsWith(statusPrefix)) {
    conflicts.push({
      keys: ['deploy_tag_key', 'status_tag_prefix'],
      problem: `${env('deploy_tag_key')} "${deployKey}" lies under ${env('status_tag_prefix')} "${statusPrefix}": the listener's own status tags would be read as the deploy tag and could undeploy what it just deployed. Choose a deploy tag key outside the status prefix (e.g. deploy), or another status prefix.`,
    });
  }
  const overrideTags = overrideNames.map((name) => `${config.override_tag_prefix}${name}`);
  if (overrideTags.includes(deployKey)) {
    conflicts.push({
      keys: ['deploy_tag_key', 'override_tag_prefix'],
      problem: `${env('deploy_tag_key')} "${deployKey}" is also an override tag (${env('override_tag_prefix')} "${config.override_tag_prefix}"). Choose a deploy tag key that is no override tag.`,
    });
  }
  const metadataPrefix = config.metadata_tag_prefix;
  if (metadataPrefix !== undefined) {
    for (const [other, prefix] of [
      ['status_tag_prefix', statusPrefix],
      ['override_tag_prefix', config.override_tag_prefix],
    ] as const) {
      if (metadataPrefix.startsWith(prefix) || prefix.startsWith(metadataPrefix)) {
        conflicts.push({
          keys: ['metadata_tag_prefix', other],
          problem: `${env('metadata_tag_prefix')} "${metadataPrefix}" overlaps ${env(other)} "${prefix}": ${other === 'status_tag_prefix' ? "the listener's own status tags would be copied onto the InferenceService, and each status write would change it again" : 'override tags would also be copied as metadata'}. Choose a prefix for the metadata tags that neither starts with the other nor is its start (e.g. team.).`,
        });
      }
    }
  }
  return conflicts;
}
