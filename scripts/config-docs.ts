import { configSchema, envPrefix, secretConfigKeys } from '@mlflow-kserve/core';

/**
 * The configuration reference (docs/configuration.md), generated from the zod schema so that it cannot
 * drift: every setting, its environment variable, default and meaning.
 *
 * @example
 * ```ts
 * writeFileSync('docs/configuration.md', renderConfigReference());
 * ```
 */
export function renderConfigReference(): string {
  const defaults = configSchema.parse({ mlflow_webhook_secret: 'x' }) as Record<string, unknown>;
  const rows = Object.entries(configSchema.shape).map(([key, field]) => {
    const description = (field as { description?: string }).description ?? '';
    const secret = (secretConfigKeys as readonly string[]).includes(key);
    const value = key === 'mlflow_webhook_secret' ? undefined : defaults[key];
    const text = Array.isArray(value) ? value.join(',') : String(value);
    const shown =
      value === undefined ? (description.includes('Required') ? '*(required)*' : '*(unset)*') : text === '' ? '*(none)*' : `\`${text}\``;
    return `| \`${envPrefix}${key.toUpperCase()}\` | ${shown} | ${description}${secret ? ' **Secret**: never logged or printed.' : ''} |`;
  });
  return [
    '# Configuration reference',
    '',
    '<!-- Generated from packages/core/src/config/config-schema.ts by `npm run docs:config`; a test fails when it is stale. -->',
    '',
    `Every setting is an environment variable: \`${envPrefix}\` + the setting name in upper case (names are`,
    'matched case-insensitively). Invalid values are reported all at once, each naming its variable;',
    '`mlflow-kserve config check` validates a configuration and prints it with secrets redacted.',
    '',
    '| variable | default | meaning |',
    '|---|---|---|',
    ...rows,
    '',
    'Template variables (for `MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE`, Handlebars syntax `{{name}}`; every value is a string,',
    'quoting it is optional): `name`, `namespace`, `model_name`, `model_version` (for an alias service: the version it serves now), `alias` (empty for a version), `storage_uri`, `run_id`, `experiment_id`,',
    '`predictor_cpu_request`, `predictor_cpu_limit`, `predictor_memory_request`, `predictor_memory_limit` (overridable per model), `runtime`, `model_format`, `protocol_version`, `min_replicas`, `max_replicas`, `gpu_count` (from override tags; empty when not given), and the label-safe',
    '`model_name_label`, `model_version_label`, `run_id_label`. An unknown variable is an error.',
    '',
  ].join('\n');
}
