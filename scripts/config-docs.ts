import { configSchema } from '@mlflow-kserve/core';
import { envPrefix, type OverrideName, overrideNames, secretConfigKeys } from '@mlflow-kserve/core/operations';

/** What each override tag sets and what bounds it (a test fails if an override is missing here). */
const overrideDocs: Record<OverrideName, [string, string]> = {
  runtime: [
    '`spec.predictor.model.runtime` (template `{{runtime}}`)',
    'a ServingRuntime name; `MLFLOW_KSERVE_OVERRIDE_ALLOWED_RUNTIMES` when set',
  ],
  model_format: ['`modelFormat.name` (`{{model_format}}`, default `mlflow`)', 'a format name'],
  protocol_version: ['`protocolVersion` (`{{protocol_version}}`, default `v2`)', '`v1`, `v2` or `grpc-v2`'],
  min_replicas: ['`spec.predictor.minReplicas` (`{{min_replicas}}`)', '0 … `MLFLOW_KSERVE_OVERRIDE_MAX_REPLICAS`, ≤ max_replicas'],
  max_replicas: ['`spec.predictor.maxReplicas` (`{{max_replicas}}`)', '0 … `MLFLOW_KSERVE_OVERRIDE_MAX_REPLICAS`'],
  cpu_request: [
    'the CPU request (`{{predictor_cpu_request}}`)',
    "≤ `MLFLOW_KSERVE_OVERRIDE_MAX_CPU`, ≤ the CPU limit in effect (the tag's or `MLFLOW_KSERVE_PREDICTOR_CPU_LIMIT`)",
  ],
  cpu_limit: ['the CPU limit (`{{predictor_cpu_limit}}`)', '≤ `MLFLOW_KSERVE_OVERRIDE_MAX_CPU`, ≥ the CPU request in effect'],
  memory_request: [
    'the memory request (`{{predictor_memory_request}}`)',
    "≤ `MLFLOW_KSERVE_OVERRIDE_MAX_MEMORY`, ≤ the memory limit in effect (the tag's or `MLFLOW_KSERVE_PREDICTOR_MEMORY_LIMIT`)",
  ],
  memory_limit: [
    'the memory limit (`{{predictor_memory_limit}}`)',
    '≤ `MLFLOW_KSERVE_OVERRIDE_MAX_MEMORY`, ≥ the memory request in effect',
  ],
  gpu_count: ['`nvidia.com/gpu` request and limit (`{{gpu_count}}`)', '0 … `MLFLOW_KSERVE_OVERRIDE_MAX_GPUS`'],
  canary_traffic_percent: ["this model's one-step canary share when an alias moves", '1 … 99'],
  canary_steps: ["this model's canary steps when an alias moves (e.g. `5,20,50`)", 'increasing, each 1 … 99'],
  namespace: ['the namespace of its InferenceService', '`MLFLOW_KSERVE_KUBE_NAMESPACE` or one of `MLFLOW_KSERVE_ALLOWED_NAMESPACES`'],
};

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
    "`model_name_label`, `model_version_label`, `run_id_label`; from the version's `MLmodel` (read by the preflight; empty with",
    '`MLFLOW_KSERVE_PREFLIGHT=off`): `flavor` (the framework flavor, e.g. `sklearn`, else `python_function`), `python_version`,',
    '`mlflow_version`, `signature_inputs` (compact, e.g. `sepal_length:double,species:string`). An unknown variable is an error.',
    '',
    '## Override tags',
    '',
    "With `MLFLOW_KSERVE_OVERRIDES_ALLOWED`, a model's owner sets these tags (prefix `MLFLOW_KSERVE_OVERRIDE_TAG_PREFIX`, default",
    '`kserve.`) on the registered model or on the version (the version wins). A tag not allowed, or a value beyond its bound, refuses',
    'the deployment with 422 `invalid_override` naming the tag and the bound.',
    '',
    '| tag | sets | bound |',
    '|---|---|---|',
    ...overrideNames.map((name) => `| \`kserve.${name}\` | ${overrideDocs[name][0]} | ${overrideDocs[name][1]} |`),
    '',
  ].join('\n');
}
