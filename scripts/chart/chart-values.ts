import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLMap } from 'yaml';
import { z } from 'zod';
import { type Config, configSchema } from '@mlflow-kserve/core';
import { envPrefix, secretConfigKeys } from '@mlflow-kserve/core/operations';

/** The chart's folder. */
export const chartDir = fileURLToPath(new URL('../../charts/mlflow-kserve/', import.meta.url));

/** Settings the chart sets itself instead of through `config.*`, and how. */
export const chartManagedSettings: Partial<Record<keyof Config, string>> = {
  app_host: 'the listener listens on every address of its pod',
  app_port: '`containerPort`',
  kube_in_cluster: 'always `true` (the pod’s ServiceAccount)',
  kube_config: 'not used in a cluster',
  inference_service_template: '`inferenceServiceTemplate` (a ConfigMap mounted at /etc/mlflow-kserve)',
  pod_name: 'the pod’s name (Downward API)',
  mlflow_webhook_secret: '`secret.*` (key `webhook-secret`)',
  mlflow_webhook_previous_secrets: '`secret.*` (key `previous-webhook-secrets`)',
  mlflow_tracking_password: '`secret.*` (key `mlflow-password`)',
  mlflow_tracking_token: '`secret.*` (key `mlflow-token`)',
  admin_token: '`secret.*` (key `admin-token`)',
  git_token: '`secret.*` (key `git-token`, mounted as a file: see git_token_file)',
  git_token_file: 'the Secret’s `git-token` key, mounted at /var/run/secrets/mlflow-kserve/git/token with the Git target',
  git_workdir: 'an emptyDir at /var/lib/mlflow-kserve/git with the Git target (`git.workdirSizeLimit`)',
};

/** Where the chart's defaults differ from the listener's (the same as k8s/deployment.yaml). */
const chartDefaults: Partial<Record<keyof Config, unknown>> = {
  mlflow_tracking_uri: 'http://mlflow-server.mlflow.svc.cluster.local:5000',
  kube_namespace: 'kserve-mlflow-models',
  storage_uri_base: 's3://mlflow-artifacts',
  reconcile_on_startup: true,
  reconcile_interval_seconds: 600,
  log_level: 'INFO',
};

/** `mlflow_tracking_uri` → `mlflowTrackingUri` (the chart template turns it back with sprig's `snakecase`). */
export const valueKeyOf = (setting: string): string => setting.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** The settings that are chart values, in the schema's order. */
export const configValueSettings = (Object.keys(configSchema.shape) as (keyof Config)[]).filter((key) => !(key in chartManagedSettings));

const listenerDefaults = configSchema.parse({ mlflow_webhook_secret: 'x' }) as Record<string, unknown>;

const flowText = (value: unknown): string => JSON.stringify(value);

/** The `config:` block of values.yaml: one value per setting, documented from the schema. */
export function renderValuesConfig(): string {
  const lines = [
    '# -- Settings of the listener, one per MLFLOW_KSERVE_* variable (docs/configuration.md). `null` keeps the listener’s default, given in each description. Lists are YAML lists.',
    'config:',
  ];
  for (const key of configValueSettings) {
    const description = ((configSchema.shape[key] as { description?: string }).description ?? '').replace(/\s+/g, ' ');
    const fallback = listenerDefaults[key];
    const shown =
      fallback === undefined ? 'unset' : Array.isArray(fallback) ? (fallback.length ? fallback.join(',') : 'empty') : String(fallback);
    lines.push(`  # -- ${description} \`${envPrefix}${key.toUpperCase()}\`; listener default: ${shown}.`);
    lines.push(`  ${valueKeyOf(key)}: ${key in chartDefaults ? flowText(chartDefaults[key]) : 'null'}`);
  }
  return lines.join('\n');
}

/** The JSON schema of one setting as a chart value (natural YAML types, or null for the listener's default). */
function settingSchema(key: keyof Config): Record<string, unknown> {
  const {
    description: _d,
    default: _default,
    ...schema
  } = z.toJSONSchema(configSchema.shape[key], {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  delete schema['$schema'];
  const anyOf = schema['anyOf'] as Record<string, unknown>[] | undefined;
  let typed: Record<string, unknown> = schema;
  if (anyOf?.some((s) => s['type'] === 'boolean')) typed = { type: 'boolean' };
  else if (anyOf?.some((s) => s['type'] === 'array')) typed = { type: 'array', items: { type: 'string' } };
  if (key === 'log_level')
    typed = { type: 'string', enum: ['DEBUG', 'INFO', 'WARNING', 'WARN', 'ERROR', 'debug', 'info', 'warning', 'warn', 'error'] };
  delete typed['format']; // JSON schema's "uri" is stricter than the listener's http(s) check
  return { anyOf: [typed, { type: 'null' }] };
}

const str = { type: 'string' };
const obj = { type: 'object' };
const list = { type: 'array' };
/** Labels: string values only. */
const labels = { type: 'object', additionalProperties: { type: 'string' } };
const bool = { type: 'boolean' };
const int = (minimum: number, maximum?: number) => ({ type: 'integer', minimum, ...(maximum === undefined ? {} : { maximum }) });
const closed = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...(required.length ? { required } : {}),
});

/** values.schema.json: every value typed; `config` generated from the configuration schema; unknown keys refused. */
export function renderValuesSchema(): string {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'mlflow-kserve chart values',
    ...closed({
      replicaCount: int(1),
      image: closed({
        // Empty by default: the templates refuse it with what to do (a schema error could only name the value).
        repository: { type: 'string', pattern: '^\\S*$' },
        tag: str,
        digest: { type: 'string', pattern: '^(sha256:[a-f0-9]{64})?$' },
        pullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] },
      }),
      imagePullSecrets: list,
      nameOverride: str,
      fullnameOverride: str,
      config: closed(Object.fromEntries(configValueSettings.map((key) => [valueKeyOf(key), settingSchema(key)]))),
      inferenceServiceTemplate: str,
      secret: closed({
        create: bool,
        existingSecret: str,
        webhookSecret: str,
        previousWebhookSecrets: str,
        mlflowTrackingToken: str,
        mlflowTrackingPassword: str,
        adminToken: { anyOf: [{ const: '' }, { type: 'string', minLength: 16 }] },
        gitToken: str,
      }),
      git: closed({ workdirSizeLimit: { type: ['string', 'integer'] } }),
      serviceAccount: closed({ create: bool, name: str, annotations: obj }),
      rbac: closed({ create: bool, clusterWide: bool }),
      createTargetNamespaces: bool,
      service: closed({ type: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] }, port: int(1, 65535) }),
      containerPort: int(1, 65535),
      livenessProbe: obj,
      readinessProbe: obj,
      resources: obj,
      podSecurityContext: obj,
      securityContext: obj,
      extraEnv: list,
      extraVolumes: list,
      extraVolumeMounts: list,
      podAnnotations: obj,
      podLabels: obj,
      nodeSelector: obj,
      tolerations: list,
      affinity: obj,
      priorityClassName: str,
      podDisruptionBudget: closed({ enabled: bool, minAvailable: { type: ['integer', 'string'] } }),
      networkPolicy: closed({
        enabled: bool,
        mlflowPodSelector: labels,
        // A Kubernetes label selector. Closed: labels written directly (without matchLabels) would otherwise
        // reach the API server as unknown fields, be dropped, and leave `{}`, which selects every namespace.
        mlflowNamespaceSelector: closed({ matchLabels: labels, matchExpressions: list }),
        mlflowPort: int(1, 65535),
        apiServerCidr: str,
        apiServerPorts: { type: 'array', items: int(1, 65535) },
        gitServerCidr: str,
        gitServerPorts: { type: 'array', items: int(1, 65535) },
        extraIngress: list,
      }),
      serviceMonitor: closed({ enabled: bool, interval: str, adminTokenAuth: bool, labels: obj }),
      prometheusRule: closed({ enabled: bool, labels: obj }),
    }),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** values.yaml with its `config:` block regenerated (everything else as written). */
export function renderValuesYaml(current: string): string {
  const start = current.indexOf('# >>> config');
  const end = current.indexOf('# <<< config');
  if (start < 0 || end < start) throw new Error('values.yaml lost its "# >>> config" and "# <<< config" markers');
  const head = current.slice(0, current.indexOf('\n', start) + 1);
  return `${head}${renderValuesConfig()}\n${current.slice(end)}`;
}

interface ValueRow {
  key: string;
  type: string;
  value: string;
  description: string;
}

function rowsOf(map: YAMLMap, prefix: string, rows: ValueRow[]): void {
  (map.items as Pair[]).forEach((pair, index) => {
    const key = `${prefix}${String((pair.key as { value: unknown }).value)}`;
    // The yaml parser gives the first entry's comment to the map itself.
    const before = (pair.key as { commentBefore?: string }).commentBefore ?? (index === 0 ? map.commentBefore : undefined);
    const comment = (before ?? '').split('\n');
    const doc = comment.map((l) => l.trim()).findIndex((l) => l.startsWith('--'));
    const description =
      doc < 0
        ? ''
        : comment
            .slice(doc)
            .join(' ')
            .replace(/^\s*--\s*/, '')
            .replace(/\s+/g, ' ')
            .trim();
    const node = pair.value;
    if (isMap(node) && node.items.length > 0 && (!description || key === 'config')) {
      rowsOf(node, `${key}.`, rows);
      return;
    }
    const js = (node as { toJSON(): unknown } | null)?.toJSON() ?? null;
    const type = isMap(node) ? 'object' : isSeq(node) ? 'list' : isScalar(node) ? (js === null ? 'setting' : typeof js) : 'setting';
    const text = typeof js === 'string' && js.includes('\n') ? '(see values.yaml)' : `\`${JSON.stringify(js)}\``;
    rows.push({ key, type, value: text, description });
  });
}

/** The chart README (helm-docs style): how to install, then every value with its default and meaning. */
export function renderChartReadme(valuesYaml: string): string {
  const doc = parseDocument(valuesYaml);
  const rows: ValueRow[] = [];
  rowsOf(doc.contents as YAMLMap, '', rows);
  const chart = readFileSync(`${chartDir}Chart.yaml`, 'utf8');
  const version = /^version: (.+)$/m.exec(chart)?.[1];
  const appVersion = /^appVersion: "?([^"\n]+)"?$/m.exec(chart)?.[1];
  return [
    '# mlflow-kserve Helm chart',
    '',
    '<!-- Generated from values.yaml and the configuration schema by `npm run generate:deploy`; a test fails when it is stale. -->',
    '',
    `Chart ${version}, mlflow-kserve ${appVersion}. Installs the listener that turns MLflow model-registry webhooks into KServe`,
    'InferenceServices: a Deployment (2 replicas, leader election for the background work, probes, non-root and read-only),',
    'its Service, ServiceAccount, namespaced RBAC in every target namespace, NetworkPolicy, PodDisruptionBudget and the',
    'template ConfigMap; optionally a ServiceMonitor and a PrometheusRule with the alert rules of `deploy/prometheus/rules.yaml`.',
    'It renders the same objects as the kustomize manifests in `k8s/` (a test compares them).',
    '',
    '## Image',
    '',
    "Nothing publishes the listener's image: build it from the repository's `Dockerfile` and push it where your cluster",
    'pulls from. `image.repository` is required; the chart refuses to render without it, saying this.',
    '',
    '```sh',
    'export IMAGE=registry.example.com/platform/mlflow-kserve TAG=0.1.0',
    'docker build -t "$IMAGE:$TAG" .',
    'docker push "$IMAGE:$TAG"   # a local kind cluster instead: kind load docker-image "$IMAGE:$TAG"',
    '```',
    '',
    '## Install',
    '',
    '```sh',
    'kubectl create namespace mlflow --dry-run=client -o yaml | kubectl apply -f -',
    'kubectl -n mlflow create secret generic mlflow-kserve-secrets --from-literal=webhook-secret="$(openssl rand -base64 32)"',
    'helm install mlflow-kserve ./charts/mlflow-kserve -n mlflow \\',
    '  --set image.repository="$IMAGE" --set image.tag="$TAG" \\',
    '  --set config.mlflowTrackingUri=http://mlflow-server.mlflow.svc.cluster.local:5000 \\',
    '  --set config.storageUriBase=s3://mlflow-artifacts',
    '```',
    '',
    'The target namespaces (`config.kubeNamespace`, default `kserve-mlflow-models`, and `config.allowedNamespaces`) must',
    'exist, as they usually do where KServe serves models; `--set createTargetNamespaces=true` creates them instead (then',
    '`helm install` fails if one already exists).',
    '',
    'The notes printed after the install say how to create the MLflow webhook. Every `config.*` value is one',
    '`MLFLOW_KSERVE_*` setting ([configuration reference](../../docs/configuration.md)); `values.schema.json` refuses',
    'unknown keys and values of the wrong type, and the listener checks the rest at startup (`mlflow-kserve config check`).',
    '',
    'Settings the chart sets itself:',
    '',
    ...Object.entries(chartManagedSettings).map(([key, how]) => `- \`${envPrefix}${key.toUpperCase()}\`: ${how}`),
    '',
    '## Values',
    '',
    '| key | type | default | description |',
    '|---|---|---|---|',
    ...rows.map((r) => `| \`${r.key}\` | ${r.type} | ${r.value} | ${r.description.replace(/\|/g, '\\|')} |`),
    '',
  ].join('\n');
}

/** True when a setting is secret (never a plain chart value). */
export const isSecretSetting = (key: string): boolean => (secretConfigKeys as readonly string[]).includes(key);
