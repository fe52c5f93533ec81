import { type Config, canarySteps } from '../config/config-schema.js';
import { serviceNamespaces } from '../config/service-namespaces.js';
import { type OverrideName, overrideNames } from '../config/override-names.js';
import { parseQuantity } from './quantity.js';

export { type OverrideName, overrideNames } from '../config/override-names.js';

/** Validated overrides, each a string as the template gets it. */
export type Overrides = Partial<Record<OverrideName, string>>;

/** What {@link resolveOverrides} found: the values to use, or every problem (each naming the tag and the bound). */
export type OverrideResolution = { ok: true; overrides: Overrides } | { ok: false; problems: string[] };

type Bounds = Pick<
  Config,
  | 'overrides_allowed'
  | 'override_tag_prefix'
  | 'override_max_replicas'
  | 'override_max_cpu'
  | 'override_max_memory'
  | 'override_max_gpus'
  | 'override_allowed_runtimes'
  | 'kube_namespace'
  | 'allowed_namespaces'
  | 'predictor_cpu_request'
  | 'predictor_cpu_limit'
  | 'predictor_memory_request'
  | 'predictor_memory_limit'
>;

const intIn = (min: number, max: number) => (v: string) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max;

/**
 * Reads the override tags of a registered model and of a version (the version's win), keeps only what the
 * operator allows (`overrides_allowed`), and checks each value with the same rules as the configuration and
 * against the operator's bounds (replicas, CPU, memory, GPUs, runtimes). Pure. Any problem rejects the
 * whole set: a deployment is never made from half of what its owner asked for.
 *
 * @example
 * ```ts
 * resolveOverrides({ 'kserve.max_replicas': '3' }, { 'kserve.cpu_limit': '2' }, config);
 * // { ok: true, overrides: { max_replicas: '3', cpu_limit: '2' } }
 * ```
 */
export function resolveOverrides(
  modelTags: Record<string, string>,
  versionTags: Record<string, string>,
  bounds: Bounds,
): OverrideResolution {
  const prefix = bounds.override_tag_prefix;
  const allowed = new Set(bounds.overrides_allowed);
  const given: Overrides = {};
  const problems: string[] = [];
  for (const name of overrideNames) {
    const tag = `${prefix}${name}`;
    const value = versionTags[tag] ?? modelTags[tag];
    if (value === undefined) continue;
    if (!allowed.has(name)) {
      problems.push(
        `tag ${tag} is not allowed here (the operator allows: ${[...allowed].join(', ') || 'none'}; MLFLOW_KSERVE_OVERRIDES_ALLOWED)`,
      );
      continue;
    }
    given[name] = value.trim();
  }
  const check = (name: OverrideName, ok: (v: string) => boolean, bound: string) => {
    const value = given[name];
    if (value !== undefined && !ok(value)) problems.push(`tag ${prefix}${name}=${JSON.stringify(value).slice(0, 80)} ${bound}`);
  };
  const maxCpu = parseQuantity(bounds.override_max_cpu) ?? 0;
  const maxMemory = parseQuantity(bounds.override_max_memory) ?? 0;
  const quantityAtMost = (max: number) => (v: string) => (parseQuantity(v) ?? Number.POSITIVE_INFINITY) <= max;
  const runtimes = bounds.override_allowed_runtimes;
  check(
    'runtime',
    (v) => /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v) && v.length <= 63,
    'must be a ServingRuntime name (lowercase letters, digits, -, .)',
  );
  if (runtimes.length > 0)
    check(
      'runtime',
      (v) => runtimes.includes(v),
      `is not an allowed runtime (${runtimes.join(', ')}; MLFLOW_KSERVE_OVERRIDE_ALLOWED_RUNTIMES)`,
    );
  check('model_format', (v) => /^[\w.-]{1,63}$/.test(v), 'must be a model format name such as mlflow, sklearn or xgboost');
  check('protocol_version', (v) => ['v1', 'v2', 'grpc-v2'].includes(v), 'must be v1, v2 or grpc-v2');
  const replicas = `must be a whole number from 0 to ${bounds.override_max_replicas} (MLFLOW_KSERVE_OVERRIDE_MAX_REPLICAS)`;
  check('min_replicas', intIn(0, bounds.override_max_replicas), replicas);
  check('max_replicas', intIn(0, bounds.override_max_replicas), replicas);
  for (const name of ['cpu_request', 'cpu_limit'] as const) {
    check(name, (v) => parseQuantity(v) !== undefined, 'must be a Kubernetes quantity such as 500m or 2');
    check(name, quantityAtMost(maxCpu), `exceeds ${bounds.override_max_cpu} CPUs (MLFLOW_KSERVE_OVERRIDE_MAX_CPU)`);
  }
  for (const name of ['memory_request', 'memory_limit'] as const) {
    check(name, (v) => parseQuantity(v) !== undefined, 'must be a Kubernetes quantity such as 512Mi or 4Gi');
    check(name, quantityAtMost(maxMemory), `exceeds ${bounds.override_max_memory} (MLFLOW_KSERVE_OVERRIDE_MAX_MEMORY)`);
  }
  check(
    'gpu_count',
    intIn(0, bounds.override_max_gpus),
    `must be a whole number from 0 to ${bounds.override_max_gpus} (MLFLOW_KSERVE_OVERRIDE_MAX_GPUS)`,
  );
  check('canary_traffic_percent', intIn(1, 99), 'must be a whole number from 1 to 99');
  check(
    'canary_steps',
    (v) => canarySteps.safeParse(v).success,
    'must be increasing whole percentages from 1 to 99, comma-separated (e.g. 10,25,50)',
  );
  const namespaces = serviceNamespaces(bounds);
  check(
    'namespace',
    (v) => namespaces.includes(v),
    `is not an allowed namespace (${namespaces.join(', ')}; MLFLOW_KSERVE_ALLOWED_NAMESPACES)`,
  );
  const min = given.min_replicas;
  const max = given.max_replicas;
  if (min !== undefined && max !== undefined && /^\d+$/.test(min) && /^\d+$/.test(max) && Number(min) > Number(max)) {
    problems.push(`tag ${prefix}min_replicas=${min} is more than ${prefix}max_replicas=${max}`);
  }
  // Kubernetes refuses a Pod whose request exceeds its limit: compare what will be in effect, the tag's
  // value or the operator's default (MLFLOW_KSERVE_PREDICTOR_*), whenever a tag gives either.
  for (const [request, limit] of [
    ['cpu_request', 'cpu_limit'],
    ['memory_request', 'memory_limit'],
  ] as const) {
    if (given[request] === undefined && given[limit] === undefined) continue;
    const inEffect = (name: typeof request | typeof limit, what: string) =>
      given[name] !== undefined
        ? { text: `tag ${prefix}${name}=${given[name]}`, value: parseQuantity(given[name]!) }
        : {
            text: `the default ${what} ${bounds[`predictor_${name}`]} (MLFLOW_KSERVE_PREDICTOR_${name.toUpperCase()})`,
            value: parseQuantity(bounds[`predictor_${name}`]),
          };
    const r = inEffect(request, 'request');
    const l = inEffect(limit, 'limit');
    if (r.value !== undefined && l.value !== undefined && r.value > l.value) {
      problems.push(`${r.text} is more than ${l.text}: Kubernetes refuses a request above its limit`);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, overrides: given };
}
