/** What turns a deployment on: the tag key and the values that count as true. */
export interface DeployPolicy {
  /** Tag key that controls deployment. Default `deploy`. */
  tagKey: string;
  /** Values (compared trimmed and case-insensitively) that mean "deploy". Default `['true']`. */
  trueValues: readonly string[];
  /** Model aliases that each get an InferenceService following the alias. Default none. */
  aliases?: readonly string[];
  /** Override tags (`kserve.max_replicas`, …) whose change on a version re-converges it. Default none. */
  overrideTags?: readonly string[];
  /** Prefix of the status tags this listener writes (`kserve.`): their deliveries are echoes. Default: none recognised. */
  statusTagPrefix?: string;
  /** Prefix of the tags copied onto InferenceServices (`metadata_tag_prefix`): a change on a version re-converges it. */
  metadataTagPrefix?: string | undefined;
}

/** The default policy: tag `deploy`, value `true` in any letter case (Python's `True` included). */
export const defaultDeployPolicy: DeployPolicy = { tagKey: 'deploy', trueValues: ['true'] };

/**
 * Whether a tag value means "deploy" under a policy: trimmed, case-insensitive.
 *
 * @example
 * ```ts
 * isDeployValue(' True ', defaultDeployPolicy); // true
 * isDeployValue('yes', defaultDeployPolicy); // false
 * ```
 */
export function isDeployValue(value: string | undefined, policy: DeployPolicy): boolean {
  if (value === undefined) return false;
  const normalized = value.trim().toLowerCase();
  return policy.trueValues.some((v) => v.trim().toLowerCase() === normalized);
}
