import type { Config } from '../config/config-schema.js';
import { configSchema } from '../config/config-schema.js';
import { kubeTarget } from '../config/kube-target.js';
import { envPrefix, loadConfig } from '../config/load-config.js';
import { loadTemplate } from '../config/load-template.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { templateValuesFor } from '../render/template-values-for.js';
import { inferenceServiceName } from '../naming/inference-service-name.js';
import { parseChecks } from '../analysis/analysis-checks.js';
import { withoutCanary } from '../rollout/canary-health.js';
import { loadChecksSetting } from '../analysis/load-checks-setting.js';

/** Options of {@link diagnoseConfig} and {@link runtimeProblems}. */
export interface DiagnoseOptions {
  /** Development mode: MLflow is optional. */
  development?: boolean;
  /** A Kubernetes port is supplied by the caller: no cluster configuration is needed. */
  kubeGiven?: boolean;
  /** An MLflow port (or `null`: none) is supplied by the caller. */
  mlflowGiven?: boolean;
  /** Environment for cluster detection (`KUBERNETES_SERVICE_HOST`, `KUBECONFIG`). Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** How to name settings given as overrides in messages, e.g. `{ app_port: '--port' }`. */
  overrideNames?: Partial<Record<keyof Config, string>>;
  /** The template text the caller supplies (it wins over `inference_service_template`). */
  template?: string | undefined;
}

/** What {@link diagnoseConfig} found: the configuration when usable, every problem, and warnings. */
export interface ConfigDiagnosis {
  config: Config | undefined;
  problems: string[];
  warnings: string[];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** `MLFLOW_KSERVE_*` variables that are no setting, with the closest setting's name. */
function unknownVariables(env: Record<string, string | undefined>): string[] {
  const keys = Object.keys(configSchema.shape);
  return Object.keys(env)
    .filter((name) => name.toUpperCase().startsWith(envPrefix) && env[name] !== undefined)
    .map((name) => [name, name.slice(envPrefix.length).toLowerCase()] as const)
    .filter(([, key]) => !keys.includes(key))
    .map(([name, key]) => {
      const best = keys.map((k) => [k, distance(k, key)] as const).sort((x, y) => x[1] - y[1])[0];
      const hint = best && best[1] <= Math.max(2, Math.floor(key.length / 4)) ? `; did you mean ${envPrefix}${best[0].toUpperCase()}?` : '';
      return `${name} is not a setting and is ignored${hint}`;
    });
}

/** A template error, naming the file when the template is one (`MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE`). */
function templateProblem(setting: string | undefined, error: unknown): string {
  const message = (error as Error).message;
  const isFile = setting !== undefined && setting.trim() !== '' && !setting.includes('\n') && !/apiVersion\s*:/.test(setting);
  return isFile ? `${message} (template file ${setting}, from ${envPrefix}INFERENCE_SERVICE_TEMPLATE)` : message;
}

/** Renders an example version with the configured template; a failure becomes a problem naming the template. */
async function checkTemplate(config: Config, problems: string[], given: string | undefined): Promise<void> {
  const { renderManifest } = await import('../render/render-manifest.js');
  try {
    const namespace = config.kube_namespace;
    const { object } = renderManifest(
      given ?? loadTemplate(config.inference_service_template),
      templateValuesFor({
        name: inferenceServiceName('example-model', '1', { namespace }),
        namespace,
        modelName: 'example-model',
        modelVersion: '1',
        storageUri: 's3://bucket/example',
        runId: '0123456789abcdef0123456789abcdef',
        experimentId: '1',
        resources: {
          cpuRequest: config.predictor_cpu_request,
          cpuLimit: config.predictor_cpu_limit,
          memoryRequest: config.predictor_memory_request,
          memoryLimit: config.predictor_memory_limit,
        },
      }),
    );
    const canary = config.canary_steps
      ? `${envPrefix}CANARY_STEPS`
      : config.canary_traffic_percent
        ? `${envPrefix}CANARY_TRAFFIC_PERCENT`
        : undefined;
    if (canary && withoutCanary(object)) {
      problems.push(
        `${canary} asks for canary rollouts, but the InferenceService template sets serving.kserve.io/deploymentMode: ${object.metadata.annotations?.['serving.kserve.io/deploymentMode']}, where KServe has no canaryTrafficPercent and every alias move would switch at once. Remove that annotation from the template (${envPrefix}INFERENCE_SERVICE_TEMPLATE) or set it to Knative, or unset ${canary}.`,
      );
    }
  } catch (error) {
    problems.push(templateProblem(config.inference_service_template, error));
  }
}

/** The analysis checks (`canary_checks`) parse; a problem names the check and what is wrong. */
async function checkChecks(config: Config, problems: string[]): Promise<void> {
  try {
    await parseChecks(loadChecksSetting(config.canary_checks));
  } catch (error) {
    problems.push((error as Error).message);
  }
}

/**
 * The checks every way of running the listener makes before it starts, beyond the schema: MLflow is
 * configured (outside development), a template the user supplies renders a valid InferenceService, and a cluster target
 * has a cluster to talk to. `serve`, the Express middleware, the Lambda handler and `config check` all run
 * exactly these.
 *
 * @example
 * ```ts
 * const problems = await runtimeProblems(config, { development: false });
 * ```
 */
export async function runtimeProblems(config: Config, options: DiagnoseOptions = {}): Promise<string[]> {
  const problems: string[] = [];
  if (!options.development && !options.mlflowGiven && !config.mlflow_tracking_uri) {
    problems.push(
      `${envPrefix}MLFLOW_TRACKING_URI is required: every delivery is checked against the current state in MLflow. Set it to the MLflow tracking server's URL.`,
    );
  }
  // The built-in template renders for every value of every setting (render-manifest.test.ts proves it for each
  // combination of empty and set values), so only a template the user supplies is rendered here: parsing a
  // template costs ≈ 35 ms of a cold start (Handlebars and YAML run for the first time), which the first
  // deploy pays instead.
  const template = options.template ?? config.inference_service_template;
  if (template !== undefined && template.trim() !== '') {
    await checkTemplate(config, problems, options.template);
  }
  if (config.canary_checks !== undefined) await checkChecks(config, problems);
  const canary = config.canary_steps ? 'CANARY_STEPS' : config.canary_traffic_percent !== undefined ? 'CANARY_TRAFFIC_PERCENT' : undefined;
  if (canary && kubeTarget(config).kind === 'git') {
    problems.push(
      `${envPrefix}${canary} asks for canary rollouts, which watch the live revisions in the cluster; a Git target writes to Git only, and its alias moves switch at once. Unset ${envPrefix}${canary} with MLFLOW_KSERVE_KUBE_TARGET=git:… (docs/gitops.md).`,
    );
  }
  if (config.git_status_from_cluster && kubeTarget(config).kind !== 'git') {
    problems.push(
      `${envPrefix}GIT_STATUS_FROM_CLUSTER applies to a Git target only (a cluster target reads the status itself); unset it, or set MLFLOW_KSERVE_KUBE_TARGET=git:… (docs/gitops.md).`,
    );
  }
  const readsCluster = kubeTarget(config).kind === 'cluster' || (kubeTarget(config).kind === 'git' && config.git_status_from_cluster);
  if (!options.kubeGiven && readsCluster) {
    try {
      const { createKubeClient } = await import('../kube/create-kube-client.js');
      createKubeClient(config, options.env ?? process.env);
    } catch (error) {
      problems.push(
        MlflowKserveError.isInstance(error) ? error.message : `The Kubernetes client could not be configured: ${(error as Error).message}`,
      );
    }
  }
  return problems;
}

/**
 * Loads the configuration from `MLFLOW_KSERVE_*` variables (and `overrides`, e.g. flags, which win) and runs
 * every check the listener runs at startup, collecting all problems at once instead of stopping at the
 * first; misspelled variables become warnings with a "did you mean". `config` is set only when there is
 * no problem.
 *
 * @example
 * ```ts
 * const { config, problems, warnings } = await diagnoseConfig(process.env, {}, { development: false });
 * ```
 */
export async function diagnoseConfig(
  env: Record<string, string | undefined>,
  overrides: Partial<Record<keyof Config, unknown>> = {},
  options: DiagnoseOptions = {},
): Promise<ConfigDiagnosis> {
  const warnings = unknownVariables(env);
  let config: Config | undefined;
  let schemaProblems: string[] = [];
  let usable: Config;
  try {
    config = loadConfig(env, overrides, { overrideNames: options.overrideNames });
    usable = config;
  } catch (error) {
    if (!MlflowKserveError.isInstance(error) || error.code !== 'config_invalid') throw error;
    schemaProblems = (error.details['problems'] as string[] | undefined) ?? [error.message];
    // Check the rest with the broken settings at their defaults, so one run reports everything.
    const broken = new Set((error.details['keys'] as string[] | undefined) ?? []);
    const cleaned = Object.fromEntries(Object.entries(env).filter(([name]) => !broken.has(name.slice(envPrefix.length).toLowerCase())));
    const kept = Object.fromEntries(Object.entries(overrides).filter(([key]) => !broken.has(key)));
    try {
      usable = loadConfig(cleaned, { mlflow_webhook_secret: 'placeholder-for-checks', ...kept });
    } catch {
      return { config: undefined, problems: schemaProblems, warnings };
    }
  }
  const problems = [...schemaProblems, ...(await runtimeProblems(usable, { ...options, env: options.env ?? env }))];
  return { config: problems.length === 0 ? config : undefined, problems, warnings };
}
