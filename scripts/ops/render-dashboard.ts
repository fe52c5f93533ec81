/**
 * The Grafana dashboard (deploy/grafana/mlflow-kserve.json), generated so that its panels stay small to read
 * and review: `npm run generate:deploy` writes it, a test fails when the committed file is stale, and another checks
 * that every PromQL expression names only metrics and labels the listener exports.
 */

/** A panel: title, what it shows, its queries (`legend` is Grafana's legend format) and its size. */
interface PanelSpec {
  title: string;
  description: string;
  type: 'timeseries' | 'stat';
  unit: string;
  targets: { expr: string; legend: string }[];
  w: number;
  h: number;
  thresholds?: { color: string; value: number | null }[];
}

/** The label matchers every query carries (dashboard variables). */
const sel = 'namespace=~"$namespace", job=~"$job"';
const rate = (metric: string, extra = '') => `rate(${metric}{${sel}${extra ? `, ${extra}` : ''}}[$__rate_interval])`;
const increase = (metric: string, extra = '') => `increase(${metric}{${sel}${extra ? `, ${extra}` : ''}}[$__rate_interval])`;
const quantile = (q: number, metric: string) => `histogram_quantile(${q}, sum by (le) (${rate(`${metric}_bucket`)}))`;

const green = { color: 'green', value: null };
/** The deployed models' revisions (Knative names them `<InferenceService>-predictor-<n>`; ours start with mlflow-). */
const revisions = 'revision_name=~"mlflow-.+"';

const rows: { title: string; panels: PanelSpec[] }[] = [
  {
    title: 'Overview',
    panels: [
      {
        title: 'Deliveries answered',
        description: 'Webhook deliveries answered per second, all codes.',
        type: 'stat',
        unit: 'reqps',
        targets: [{ expr: `sum(${rate('mlflow_kserve_webhook_responses_total')})`, legend: 'answers' }],
        w: 4,
        h: 4,
      },
      {
        title: 'Answered with 5xx',
        description: 'Share of deliveries answered 5xx (MLflow retries them). Alert: MlflowKserveWebhookFailures.',
        type: 'stat',
        unit: 'percentunit',
        targets: [
          {
            expr: `sum(${rate('mlflow_kserve_webhook_responses_total', 'code=~"5.."')}) / sum(${rate('mlflow_kserve_webhook_responses_total')})`,
            legend: '5xx share',
          },
        ],
        w: 4,
        h: 4,
        thresholds: [green, { color: 'orange', value: 0.01 }, { color: 'red', value: 0.1 }],
      },
      {
        title: 'Leaders',
        description:
          'Replicas holding the leader Lease (running reconcile and status write-back). 1 is right. Alert: MlflowKserveNoLeader.',
        type: 'stat',
        unit: 'none',
        targets: [{ expr: `sum(mlflow_kserve_leader_election_is_leader{${sel}})`, legend: 'leaders' }],
        w: 4,
        h: 4,
        thresholds: [
          { color: 'red', value: null },
          { color: 'green', value: 1 },
          { color: 'orange', value: 2 },
        ],
      },
      {
        title: 'Since the last good reconcile',
        description: 'Time since a reconcile last ended with outcome success.',
        type: 'stat',
        unit: 's',
        targets: [{ expr: `time() - max(mlflow_kserve_reconcile_last_success_timestamp_seconds{${sel}} > 0)`, legend: 'age' }],
        w: 4,
        h: 4,
        thresholds: [green, { color: 'orange', value: 3600 }, { color: 'red', value: 4 * 3600 }],
      },
      {
        title: 'MLflow reachable',
        description: 'Replicas whose last readiness check reached MLflow, out of all replicas.',
        type: 'stat',
        unit: 'percentunit',
        targets: [{ expr: `avg(mlflow_kserve_dependency_up{${sel}, dependency="mlflow"})`, legend: 'MLflow' }],
        w: 4,
        h: 4,
        thresholds: [
          { color: 'red', value: null },
          { color: 'orange', value: 0.5 },
          { color: 'green', value: 1 },
        ],
      },
      {
        title: 'Kubernetes reachable',
        description: 'Replicas whose last readiness check reached the Kubernetes API, out of all replicas.',
        type: 'stat',
        unit: 'percentunit',
        targets: [{ expr: `avg(mlflow_kserve_dependency_up{${sel}, dependency="kubernetes"})`, legend: 'Kubernetes' }],
        w: 4,
        h: 4,
        thresholds: [
          { color: 'red', value: null },
          { color: 'orange', value: 0.5 },
          { color: 'green', value: 1 },
        ],
      },
    ],
  },
  {
    title: 'Webhooks',
    panels: [
      {
        title: 'Events by entity and action',
        description: 'Verified webhook events per second (unknown entities and actions are counted as other).',
        type: 'timeseries',
        unit: 'reqps',
        targets: [{ expr: `sum by (entity, action) (${rate('mlflow_kserve_webhook_events_total')})`, legend: '{{entity}} {{action}}' }],
        w: 12,
        h: 8,
      },
      {
        title: 'Answers by status code',
        description: '2xx: done, unchanged or ignored; 4xx: refused (not retried); 5xx: MLflow or Kubernetes failed, MLflow retries.',
        type: 'timeseries',
        unit: 'reqps',
        targets: [{ expr: `sum by (code) (${rate('mlflow_kserve_webhook_responses_total')})`, legend: '{{code}}' }],
        w: 12,
        h: 8,
      },
      {
        title: 'Rejected deliveries by reason',
        description:
          'Deliveries refused before processing. Signature reasons rising: a wrong secret or forged requests. Alert: MlflowKserveSignatureRejections.',
        type: 'timeseries',
        unit: 'reqps',
        targets: [{ expr: `sum by (reason) (${rate('mlflow_kserve_webhook_deliveries_rejected_total')})`, legend: '{{reason}}' }],
        w: 12,
        h: 8,
      },
      {
        title: 'Ignored deliveries by reason',
        description:
          'Verified deliveries that concern no deployment. status_echo: the status tags this listener wrote, coming back (most deliveries of a busy installation); other_tag: tags that are neither the deploy tag nor an override.',
        type: 'timeseries',
        unit: 'reqps',
        targets: [{ expr: `sum by (reason) (${rate('mlflow_kserve_webhook_deliveries_ignored_total')})`, legend: '{{reason}}' }],
        w: 12,
        h: 8,
      },
      {
        title: 'Preflight rejections by reason',
        description:
          'Keys refused before anything was written (422, kserve.status=Rejected in MLflow): no_mlmodel, mlmodel_unreadable, external_artifacts, flavor_unsupported, no_runtime. See docs/preflight.md.',
        type: 'timeseries',
        unit: 'short',
        targets: [{ expr: `sum by (reason) (${increase('mlflow_kserve_preflight_rejections_total')})`, legend: '{{reason}}' }],
        w: 12,
        h: 8,
      },
      {
        title: 'Processing time',
        description: 'Time from a delivery arriving to its answer, MLflow reads and Kubernetes writes included.',
        type: 'timeseries',
        unit: 's',
        targets: [
          { expr: quantile(0.5, 'mlflow_kserve_webhook_processing_duration_seconds'), legend: 'p50' },
          { expr: quantile(0.9, 'mlflow_kserve_webhook_processing_duration_seconds'), legend: 'p90' },
          { expr: quantile(0.99, 'mlflow_kserve_webhook_processing_duration_seconds'), legend: 'p99' },
        ],
        w: 12,
        h: 8,
      },
    ],
  },
  {
    title: 'Deployments',
    panels: [
      {
        title: 'InferenceService operations',
        description: 'Creates, updates and deletes of InferenceServices, by outcome. Alert: MlflowKserveDeploymentsFailing.',
        type: 'timeseries',
        unit: 'ops',
        targets: [
          {
            expr: `sum by (operation, status) (${rate('mlflow_kserve_inference_service_operations_total')})`,
            legend: '{{operation}} {{status}}',
          },
        ],
        w: 12,
        h: 8,
      },
      {
        title: 'API errors',
        description:
          'Failed MLflow and Kubernetes API calls per second. Alerts: MlflowKserveMlflowApiErrors, MlflowKserveKubernetesApiErrors.',
        type: 'timeseries',
        unit: 'reqps',
        targets: [
          { expr: `sum(${rate('mlflow_kserve_mlflow_api_errors_total')})`, legend: 'MLflow' },
          { expr: `sum(${rate('mlflow_kserve_kubernetes_api_errors_total')})`, legend: 'Kubernetes' },
        ],
        w: 12,
        h: 8,
      },
    ],
  },
  {
    title: 'Reconcile, status write-back and leadership',
    panels: [
      {
        title: 'Reconcile runs by outcome',
        description:
          'success; partial: some writes failed; blocked: the mass-delete guard stopped it; error: MLflow or Kubernetes could not be read. Alerts: MlflowKserveReconcileFailing, MlflowKserveReconcileBlocked.',
        type: 'timeseries',
        unit: 'short',
        targets: [{ expr: `sum by (outcome) (${increase('mlflow_kserve_reconcile_runs_total')})`, legend: '{{outcome}}' }],
        w: 8,
        h: 8,
      },
      {
        title: 'Drift corrected by reconciles',
        description: 'InferenceServices a reconcile had to create, update or delete: changes the webhooks missed.',
        type: 'timeseries',
        unit: 'short',
        targets: [{ expr: `sum by (change) (${increase('mlflow_kserve_reconcile_changes_total')})`, legend: '{{change}}' }],
        w: 8,
        h: 8,
      },
      {
        title: 'Leader by pod',
        description: 'Which replica holds the Lease.',
        type: 'timeseries',
        unit: 'none',
        targets: [{ expr: `max by (pod) (mlflow_kserve_leader_election_is_leader{${sel}})`, legend: '{{pod}}' }],
        w: 8,
        h: 8,
      },
      {
        title: 'Status writes to MLflow',
        description: 'Status write-back attempts by outcome. Alert: MlflowKserveStatusWritebackFailing.',
        type: 'timeseries',
        unit: 'ops',
        targets: [{ expr: `sum by (outcome) (${rate('mlflow_kserve_status_writes_total')})`, legend: '{{outcome}}' }],
        w: 12,
        h: 8,
      },
      {
        title: 'Status write-back lag',
        description: 'From seeing an InferenceService status change to writing it to MLflow.',
        type: 'timeseries',
        unit: 's',
        targets: [
          { expr: quantile(0.5, 'mlflow_kserve_status_writeback_lag_seconds'), legend: 'p50' },
          { expr: quantile(0.99, 'mlflow_kserve_status_writeback_lag_seconds'), legend: 'p99' },
        ],
        w: 12,
        h: 8,
      },
    ],
  },
  {
    title: 'Rollouts and the models they serve',
    panels: [
      {
        title: 'Rollouts by outcome',
        description:
          'Alias rollouts moving on: started, advanced (next step), promoted, rolled_back, reverted (the alias moved back). Alert: MlflowKserveRolloutRolledBack.',
        type: 'timeseries',
        unit: 'none',
        targets: [{ expr: `sum by (outcome) (${increase('mlflow_kserve_rollouts_total')})`, legend: '{{outcome}}' }],
        w: 8,
        h: 8,
      },
      {
        title: 'Canary share by alias',
        description: "Each alias service's canary share of traffic in percent (0: no canary runs).",
        type: 'timeseries',
        unit: 'percent',
        targets: [{ expr: `max by (model, alias) (mlflow_kserve_rollout_canary_percent{${sel}})`, legend: '{{model}}@{{alias}}' }],
        w: 8,
        h: 8,
      },
      {
        title: 'Analysis checks',
        description: 'Rollout analysis check results per check (pass, fail).',
        type: 'timeseries',
        unit: 'none',
        targets: [{ expr: `sum by (check, result) (${increase('mlflow_kserve_rollout_checks_total')})`, legend: '{{check}} {{result}}' }],
        w: 8,
        h: 8,
      },
      {
        title: 'Model requests by revision',
        description:
          "Requests per second each deployed model's revision answers (Knative queue-proxy's revision_request_count, the series the analysis reads).",
        type: 'timeseries',
        unit: 'reqps',
        targets: [
          {
            expr: `sum by (namespace_name, revision_name) (rate(revision_request_count{${revisions}}[$__rate_interval]))`,
            legend: '{{namespace_name}}/{{revision_name}}',
          },
        ],
        w: 8,
        h: 8,
      },
      {
        title: 'Model errors by revision',
        description: 'Share of 5xx answers per revision (the complement of the request-success-rate check).',
        type: 'timeseries',
        unit: 'percentunit',
        targets: [
          {
            expr: `sum by (namespace_name, revision_name) (rate(revision_request_count{${revisions}, response_code_class="5xx"}[$__rate_interval])) / sum by (namespace_name, revision_name) (rate(revision_request_count{${revisions}}[$__rate_interval]))`,
            legend: '{{namespace_name}}/{{revision_name}}',
          },
        ],
        w: 8,
        h: 8,
      },
      {
        title: 'Model latency p99 by revision',
        description: 'p99 response time per revision in milliseconds (the request-duration check).',
        type: 'timeseries',
        unit: 'ms',
        targets: [
          {
            expr: `histogram_quantile(0.99, sum by (le, namespace_name, revision_name) (rate(revision_request_latencies_bucket{${revisions}}[$__rate_interval])))`,
            legend: '{{namespace_name}}/{{revision_name}}',
          },
        ],
        w: 8,
        h: 8,
      },
    ],
  },
];

// Grafana's own variable syntax, not a template string.
// biome-ignore lint/suspicious/noTemplateCurlyInString: a Grafana variable reference
const datasource = { type: 'prometheus', uid: '${datasource}' };

const variable = (name: string, label: string) => ({
  name,
  label,
  type: 'query',
  datasource,
  query: { query: `label_values(mlflow_kserve_webhook_responses_total, ${name})`, refId: `${name}-values` },
  definition: `label_values(mlflow_kserve_webhook_responses_total, ${name})`,
  refresh: 2,
  includeAll: true,
  allValue: '.*',
  multi: true,
  current: { selected: true, text: ['All'], value: ['$__all'] },
  sort: 1,
});

/** The dashboard as Grafana's JSON model (schemaVersion 39), importable with any Prometheus data source. */
export function renderDashboard(): string {
  const panels: unknown[] = [];
  let id = 1;
  let y = 0;
  for (const row of rows) {
    panels.push({ id: id++, type: 'row', title: row.title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y }, panels: [] });
    y += 1;
    let x = 0;
    let rowHeight = 0;
    for (const p of row.panels) {
      if (x + p.w > 24) {
        x = 0;
        y += rowHeight;
        rowHeight = 0;
      }
      panels.push({
        id: id++,
        type: p.type,
        title: p.title,
        description: p.description,
        datasource,
        gridPos: { h: p.h, w: p.w, x, y },
        fieldConfig: {
          defaults: {
            unit: p.unit,
            ...(p.thresholds ? { thresholds: { mode: 'absolute', steps: p.thresholds } } : {}),
            ...(p.type === 'stat' ? { color: { mode: 'thresholds' } } : {}),
          },
          overrides: [],
        },
        options:
          p.type === 'stat'
            ? { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'background', graphMode: 'none' }
            : { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } },
        targets: p.targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), datasource, expr: t.expr, legendFormat: t.legend })),
      });
      x += p.w;
      rowHeight = Math.max(rowHeight, p.h);
    }
    y += rowHeight;
  }
  const dashboard = {
    __inputs: [],
    title: 'mlflow-kserve',
    uid: 'mlflow-kserve',
    description:
      'MLflow model-registry webhooks turned into KServe InferenceServices: deliveries, deployments, reconciles, status write-back.',
    tags: ['mlflow', 'kserve', 'mlflow-kserve'],
    editable: true,
    graphTooltip: 1,
    schemaVersion: 39,
    version: 1,
    time: { from: 'now-6h', to: 'now' },
    refresh: '1m',
    links: [
      {
        title: 'Runbooks',
        type: 'link',
        url: 'https://github.com/mlflow-kserve/mlflow-kserve/blob/main/docs/operations.md#7-alerts',
        targetBlank: true,
      },
    ],
    templating: {
      list: [
        { name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', current: {}, hide: 0 },
        variable('namespace', 'Namespace'),
        variable('job', 'Job'),
      ],
    },
    annotations: { list: [] },
    panels,
  };
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}

/** Every PromQL expression of a dashboard JSON model. */
export function dashboardExpressions(json: string): string[] {
  const walk = (node: unknown): string[] =>
    Array.isArray(node)
      ? node.flatMap(walk)
      : node && typeof node === 'object'
        ? Object.entries(node).flatMap(([k, v]) => (k === 'expr' && typeof v === 'string' ? [v] : walk(v)))
        : [];
  return walk(JSON.parse(json));
}
