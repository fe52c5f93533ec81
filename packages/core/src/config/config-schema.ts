import { z } from 'zod';
import { overrideNames } from './override-names.js';

const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', 'TRUE', 'FALSE', 'True', 'False'])], {
    error: 'must be true or false',
  })
  .transform((v) => v === true || ['true', '1', 'yes'].includes(String(v).toLowerCase()));
const int = (min: number, max: number, what = 'a whole number') => {
  const message = `must be ${what} from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
};
const list = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));
const quantity = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)?(m|k|Ki|Mi|Gi|Ti|Pi|Ei|M|G|T|P|E)?$/, 'must be a Kubernetes quantity such as 100m, 1, 512Mi or 2Gi');
const logLevel = z
  .string()
  .transform((v) => v.toUpperCase())
  .transform((v) => (v === 'WARN' ? 'WARNING' : v))
  .pipe(z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR']));
const dns1123 = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a Kubernetes namespace name (lowercase letters, digits, -)')
  .max(63);
// MLflow's alias rule (mlflow/utils/validation.py): ^[\w\-]*$, with `latest` and v<digits> reserved.
const aliasName = z
  .string()
  .regex(/^[\w-]+$/u, 'alias names may only contain letters, digits, _ and -')
  .refine((a) => a.toLowerCase() !== 'latest' && !/^[vV]\d+$/.test(a), 'latest and v<digits> are reserved by MLflow and cannot be aliases');
const aliasList = list.pipe(z.array(aliasName));
const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);
const kubeTarget = z
  .string()
  .regex(/^(cluster|dir:.+|git:.+)$/, 'must be "cluster", "dir:<path>" or "git:<https URL of a repository>"')
  .superRefine((value, ctx) => {
    if (!value.startsWith('git:')) return;
    const raw = value.slice('git:'.length);
    if (/^(ssh:\/\/|git@|[\w.-]+@[\w.-]+:)/.test(raw)) {
      ctx.addIssue({
        code: 'custom',
        message: 'ssh repository URLs are not supported: use the https URL, with MLFLOW_KSERVE_GIT_TOKEN (or MLFLOW_KSERVE_GIT_TOKEN_FILE)',
      });
      return;
    }
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'git:<URL> needs the https URL of a repository, e.g. git:https://github.com/acme/deployments.git',
      });
      return;
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback.has(url.hostname))) {
      ctx.addIssue({ code: 'custom', message: 'the Git repository URL must be https (plain http only for a server on this host)' });
    }
  });
// Without lookaheads: the chart's values.schema.json carries these patterns, and Helm's validator has Go's regexp.
const gitRef = z
  .string()
  .regex(/^[\w./-]{1,200}$/, 'must be a branch name such as main or deploy/models')
  .refine((b) => !/^\/|\/\/|\.\.|\/$|\.lock$/.test(b), 'must be a branch name such as main or deploy/models');
const gitFolder = z
  .string()
  .regex(/^[\w./-]{1,200}$/, 'must be a folder inside the repository, such as inference-services (no leading /, no . or ..)')
  .refine(
    (p) => !p.startsWith('/') && !p.split('/').some((part) => part === '.' || part === '..'),
    'must be a folder inside the repository, such as inference-services (no leading /, no . or ..)',
  )
  .transform((p) => p.replace(/\/+$/, ''));
/**
 * The flavor → model format pairs offered by `runtime_by_flavor`: only those whose runtime loads MLflow's saved files as
 * they are (see `preflight/format-rules.ts` and docs/preflight.md for the evidence, and for what is left out and why).
 */
export const offeredRuntimeByFlavor: Record<string, string> = { sklearn: 'sklearn' };
const runtimeByFlavor = list.transform((pairs, ctx) => {
  const mapping: Record<string, string> = {};
  for (const pair of pairs) {
    const [flavor, format, extra] = pair.split('=').map((s) => s.trim());
    if (!flavor || !format || extra !== undefined || offeredRuntimeByFlavor[flavor] !== format) {
      ctx.addIssue({
        code: 'custom',
        message: `"${pair}" is not offered: each entry is flavor=format, one of ${Object.entries(offeredRuntimeByFlavor)
          .map(([f, m]) => `${f}=${m}`)
          .join(', ')} (other runtimes do not load MLflow's files as they are; see docs/preflight.md)`,
      });
      return z.NEVER;
    }
    mapping[flavor] = format;
  }
  return mapping;
});
const stepsMessage = 'must be increasing whole percentages from 1 to 99, comma-separated (e.g. 10,25,50)';
/** Canary steps: `10,25,50` → [10, 25, 50], each 1–99, strictly increasing. */
export const canarySteps = list
  .transform((items) => items.map(Number))
  .refine(
    (steps: number[]) =>
      steps.length > 0 && steps.every((s, i) => Number.isInteger(s) && s >= 1 && s <= 99 && (i === 0 || s > steps[i - 1]!)),
    {
      error: stepsMessage,
    },
  );

/**
 * Every setting, its type and default. Environment variables are `MLFLOW_KSERVE_` + the key in upper case.
 * Descriptions here are the configuration reference.
 *
 * @example
 * ```ts
 * const config = configSchema.parse({ mlflow_webhook_secret: 's3cret', mlflow_tracking_uri: 'http://mlflow:5000' });
 * ```
 */
export const configSchema = z.object({
  app_host: z.string().min(1).default('0.0.0.0').describe('Address the standalone server listens on.'),
  app_port: int(0, 65535, 'a port number').default(8000).describe('Port the standalone server listens on.'),

  mlflow_tracking_uri: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://mlflow:5000' })
    .optional()
    .describe('MLflow tracking server URL. Required, except in development mode (serve --dev).'),
  mlflow_webhook_secret: z
    .string()
    .min(1, 'must not be empty')
    .describe('Secret the MLflow webhook was created with (HMAC key). Required.'),
  mlflow_webhook_previous_secrets: list.default([]).describe('Comma-separated older secrets still accepted during a rotation.'),
  mlflow_tracking_username: z.string().optional().describe('HTTP Basic user for MLflow (with mlflow_tracking_password).'),
  mlflow_tracking_password: z.string().optional().describe('HTTP Basic password for MLflow.'),
  mlflow_tracking_token: z.string().optional().describe('Bearer token for MLflow (used when no username is set).'),
  mlflow_timeout_ms: int(100, 300_000).default(10_000).describe('Timeout of one MLflow REST call, in milliseconds.'),
  mlflow_max_retries: int(0, 10).default(3).describe('Retries of an MLflow call on network errors, 429 and 5xx.'),

  kube_namespace: dns1123.default('kserve-mlflow-models').describe('Namespace InferenceServices are created in.'),
  allowed_namespaces: list
    .pipe(z.array(dns1123))
    .default([])
    .describe(
      'Further namespaces a model may choose with its kserve.namespace tag (with namespace in overrides_allowed); kube_namespace is always allowed and is the default. Listed, reconciled and watched together.',
    ),
  kube_in_cluster: bool.default(true).describe('Use the pod service account (true) or a kubeconfig (false).'),
  kube_config: z
    .string()
    .optional()
    .describe('Path of a kubeconfig when kube_in_cluster is false (default: KUBECONFIG or ~/.kube/config).'),
  kube_target: kubeTarget
    .default('cluster')
    .describe(
      '"cluster" to talk to Kubernetes, "dir:<path>" to write one YAML file per InferenceService (no cluster), or "git:<https URL>" to commit those files to a Git repository that Argo CD or Flux applies (docs/gitops.md).',
    ),
  git_branch: gitRef.default('main').describe('Git target: the branch commits are pushed to.'),
  git_path: gitFolder
    .default('inference-services')
    .describe('Git target: the folder in the repository holding <namespace>/<name>.yaml; nothing outside it is touched.'),
  git_author: z
    .string()
    .regex(/^[^<>\n]{1,100} <[^<>\s]{1,200}>$/, 'must be "Name <email>"')
    .default('mlflow-kserve <mlflow-kserve@noreply.invalid>')
    .describe('Git target: author and committer of the commits, as "Name <email>".'),
  git_username: z
    .string()
    .min(1)
    .default('x-access-token')
    .describe('Git target: HTTP Basic user sent with the token (GitHub accepts any; GitLab wants oauth2 or the user name).'),
  git_token: z.string().min(1).optional().describe('Git target: token or password for HTTPS (with git_username).'),
  git_token_file: z
    .string()
    .min(1)
    .optional()
    .describe('Git target: file holding the token (a mounted Secret); read at each fetch and push, so a rotated token is used at once.'),
  git_workdir: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Git target: folder for the listener's local copy of the repository (a bare, shallow clone). Default: a folder in the OS temp directory; give it a volume to skip the clone after a restart.",
    ),
  git_push_attempts: int(1, 20)
    .default(8)
    .describe(
      'Git target: how often one change is built on the branch tip and pushed, when pushes are rejected because the branch moved (other replicas, people); a jittered backoff of up to a second separates attempts.',
    ),
  git_timeout_ms: int(1000, 600_000).default(30_000).describe('Git target: timeout of one fetch or push, in milliseconds.'),
  git_status_from_cluster: bool
    .default(false)
    .describe(
      'Git target: also read the InferenceServices the GitOps controller applied (read-only cluster access: kube_in_cluster or kube_config) and write their status (Ready, the URL, failures) to MLflow, keeping the commit; false: MLflow shows Committed.',
    ),

  inference_service_template: z.string().optional().describe('Path of a template file, or inline YAML; the built-in template when unset.'),
  storage_uri_base: z.string().optional().describe('Bucket URI that mlflow-artifacts:/ paths map onto, e.g. s3://mlflow-artifacts.'),
  predictor_cpu_request: quantity.default('100m').describe('Predictor CPU request.'),
  predictor_cpu_limit: quantity.default('1').describe('Predictor CPU limit.'),
  predictor_memory_request: quantity.default('512Mi').describe('Predictor memory request.'),
  predictor_memory_limit: quantity.default('2Gi').describe('Predictor memory limit.'),

  deploy_tag_key: z.string().min(1).default('deploy').describe('Model-version tag that controls deployment.'),
  deploy_tag_values: list.default(['true']).describe('Comma-separated tag values that mean deploy (trimmed, case-insensitive).'),
  deploy_aliases: aliasList
    .default([])
    .describe(
      'Comma-separated model aliases that each get one stable InferenceService following the alias (e.g. champion,challenger); empty turns alias deployments off.',
    ),
  canary_traffic_percent: int(1, 99)
    .optional()
    .describe(
      'The one-step form of canary_steps: when an alias moves to another version, send this share of traffic to the new version first. Unset (and no canary_steps): switch at once.',
    ),
  canary_steps: canarySteps
    .optional()
    .describe(
      'Progressive delivery when an alias moves (docs/progressive-delivery.md): the new version gets these shares of traffic in turn (e.g. 10,25,50), each held for canary_step_seconds while the analysis passes, then all of it. Needs KServe Knative (Serverless) mode. Wins over canary_traffic_percent.',
    ),
  canary_step_seconds: int(10, 86_400)
    .default(300)
    .describe('How long each canary step must stay healthy (the analysis window) before the next step.'),
  canary_progress_deadline_seconds: int(10, 86_400)
    .default(600)
    .describe("How long the canary's latest revision may take to become ready in KServe at each step before the rollout is rolled back."),
  canary_max_failed_checks: int(1, 100)
    .default(2)
    .describe('Failed analyses (a check out of bounds, or without data) after which a rollout is rolled back.'),
  canary_prometheus_url: z
    .url({ protocol: /^https?$/, error: 'must be the http(s) URL of a Prometheus server (its /api/v1/query is called)' })
    .optional()
    .describe("Prometheus that the rollout analysis queries. Unset: the analysis is KServe's readiness of the canary alone."),
  canary_checks: z
    .string()
    .optional()
    .describe(
      'The analysis checks (a YAML file, or the YAML itself): a list of {name, query, min, max, on_no_data}; queries may use {{namespace}}, {{name}}, {{revision}} and {{interval}}. Unset: the built-in request-success-rate (min 99 %) and request-duration (p99, max 500 ms) checks on the canary revision.',
    ),
  canary_no_data: z
    .enum(['fail', 'pass'], { error: 'must be fail or pass' })
    .default('fail')
    .describe('What a check whose query returns no data counts as (per check: on_no_data).'),
  rollback_moves_alias: bool
    .default(false)
    .describe(
      'After an automatic rollback, move the alias back to the version that serves in MLflow too, so the registry tells the truth.',
    ),
  delivery_deadline_seconds: int(1, 600)
    .default(20)
    .describe("Longest time one webhook delivery may take, all retries included; keep it below MLflow's 30 s sender timeout."),
  admin_token: z
    .string()
    .min(16, 'must be at least 16 characters')
    .optional()
    .describe('When set, GET /services and GET /metrics need the header Authorization: Bearer <token>. Probes stay open.'),
  health_timeout_ms: int(100, 60_000).default(3000).describe('Timeout of one readiness check of MLflow and Kubernetes, in milliseconds.'),
  overrides_allowed: list
    .pipe(z.array(z.enum(overrideNames, { error: `must be names from: ${overrideNames.join(', ')}` })))
    .default([])
    .describe(
      `Per-model settings a model's owner may give as tags on the registered model or the version (the version wins), e.g. runtime,max_replicas,cpu_limit. Names: ${overrideNames.join(', ')}. Empty (the default): tags are not consulted.`,
    ),
  preflight: z
    .enum(['on', 'off'], { error: 'must be on or off' })
    .default('on')
    .describe(
      "Before writing a wanted InferenceService, read the version's MLmodel through MLflow (and, on a cluster, KServe's ServingRuntimes) and refuse (422, kserve.status=Rejected) a model KServe could not serve: no MLmodel, a flavor the model format's runtime cannot load, external artifacts, no runtime for the format and protocol. Off: nothing is checked, MLmodel is not read (its template values are empty) and no runtime permissions are needed.",
    ),
  runtime_by_flavor: runtimeByFlavor
    .default({})
    .describe(
      "Serve a model with KServe's runtime for its flavor instead of MLServer's mlflow format, where that runtime loads MLflow's files as they are: flavor=format pairs, comma-separated. Offered: sklearn=sklearn (models saved with serialization_format pickle or cloudpickle; MLflow 3's default skops stays mlflow). A model's kserve.model_format override wins. Empty (the default): every model is served as format mlflow.",
    ),
  metadata_tag_prefix: z
    .string()
    .regex(/^[\w.\-/ ]{1,100}$/, 'must be 1–100 letters, digits, _, -, ., / or spaces')
    .optional()
    .describe(
      "Copy the registered model's and the version's tags whose key starts with this prefix (e.g. team.) onto the InferenceService as annotations mlflow-kserve.io/tag.<rest of the key> (the version's tag wins; also a label where the value is a valid label value), and the model's and version's descriptions as annotations. A change of such a version tag re-converges its services. Unset (the default): none are copied.",
    ),
  override_tag_prefix: z
    .string()
    .regex(/^[\w.\-/ ]{1,100}$/, 'must be 1–100 letters, digits, _, -, ., / or spaces')
    .default('kserve.')
    .describe('Prefix of the override tags (kserve.runtime, kserve.max_replicas, …).'),
  override_max_replicas: int(0, 1000).default(10).describe('Highest min_replicas or max_replicas a tag may ask for.'),
  override_max_cpu: quantity.default('8').describe('Highest CPU request or limit a tag may ask for.'),
  override_max_memory: quantity.default('32Gi').describe('Highest memory request or limit a tag may ask for.'),
  override_max_gpus: int(0, 64).default(1).describe('Most GPUs (gpu_count) a tag may ask for.'),
  override_allowed_runtimes: list.default([]).describe('ServingRuntimes a runtime tag may name (comma-separated); empty: any.'),
  replay_tolerance_seconds: int(1, 86_400).default(300).describe('Oldest accepted delivery timestamp, in seconds.'),
  future_skew_seconds: int(0, 3600).default(60).describe('How far in the future a delivery timestamp may be, in seconds.'),
  max_body_bytes: int(1024, 10 * 1024 * 1024)
    .default(1024 * 1024)
    .describe('Largest accepted webhook body, in bytes.'),
  reconcile_on_startup: bool.default(false).describe('Reconcile MLflow and Kubernetes when the server starts.'),
  reconcile_interval_seconds: int(0, 86_400).default(0).describe('Reconcile periodically every N seconds (0: never).'),
  reconcile_concurrency: int(1, 64).default(4).describe('Parallel Kubernetes writes during a reconcile.'),
  reconcile_max_delete_ratio: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe(
      'A reconcile that would delete more than this share of the managed InferenceServices (and more than 5) writes nothing and fails, unless run with --allow-mass-delete. 1 turns the guard off.',
    ),

  webhook_public_url: z
    .url({ protocol: /^https?$/, error: 'must be the http(s) URL at which MLflow reaches /webhook' })
    .optional()
    .describe(
      "The listener's /webhook URL as MLflow reaches it. When set, serve creates or updates MLflow's webhook at startup (retried in the background, never fatal); see `mlflow-kserve webhook ensure`.",
    ),
  status_writeback: bool
    .optional()
    .describe(
      "Write each deployment's status (kserve.status, url, message, …) back onto the MLflow model version. Default: on for a cluster or Git target (Git: kserve.status=Committed and kserve.commit), off for a directory target.",
    ),
  status_tag_prefix: z
    .string()
    .regex(/^[\w.\-/ ]{1,100}$/, 'must be 1–100 letters, digits, _, -, ., / or spaces')
    .default('kserve.')
    .describe('Prefix of the status tags written to MLflow.'),
  status_resync_seconds: int(10, 86_400)
    .default(300)
    .describe('How often the status writer re-reads every managed InferenceService (besides watching them).'),
  leader_election: bool
    .optional()
    .describe(
      'With several replicas, only the holder of a coordination.k8s.io Lease runs the periodic reconcile and the status writer (every replica serves webhooks). Default: on for a cluster target.',
    ),
  leader_election_lease_name: dns1123.default('mlflow-kserve').describe('Name of the Lease (in kube_namespace) used for leader election.'),
  pod_name: z
    .string()
    .min(1)
    .optional()
    .describe("This replica's identity in the Lease; set it from the pod name (Downward API). Default: the host name."),

  log_level: logLevel.default('INFO').describe('DEBUG, INFO, WARNING or ERROR.'),
});

/** The parsed configuration. */
export type Config = z.infer<typeof configSchema>;

/** Keys whose values are never printed or logged. */
export const secretConfigKeys = [
  'mlflow_webhook_secret',
  'mlflow_webhook_previous_secrets',
  'mlflow_tracking_password',
  'mlflow_tracking_token',
  'git_token',
  'admin_token',
] as const satisfies readonly (keyof Config)[];
