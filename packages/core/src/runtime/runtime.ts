import type { Config } from '../config/config-schema.js';
import { loadTemplate } from '../config/load-template.js';
import type { DeployPolicy } from '../decide/deploy-policy.js';
import type { RegistryEvent } from '../events/registry-event.js';
import { EventFedMlflow } from '../mlflow/event-fed-mlflow.js';
import type { MetricsQueryPort } from '../ports/metrics-query-port.js';
import { type CheckSpec, parseChecks } from '../analysis/analysis-checks.js';
import { PrometheusQueryClient } from '../analysis/prometheus-query-client.js';
import { loadChecksSetting } from '../analysis/load-checks-setting.js';
import { instrumentPort } from '../observe/instrument-port.js';
import { silentLogger, type Logger } from '../observe/logger.js';
import { noopMetrics, type Metrics } from '../observe/metrics.js';
import type { KubePort } from '../ports/kube-port.js';
import type { MlflowPort } from '../ports/mlflow-port.js';
import { KeyedMutex } from '../util/keyed-mutex.js';
import { BoundedCache } from '../util/bounded-cache.js';
import type { Mlmodel } from '../preflight/parse-mlmodel.js';
import type { PreflightReason } from '../preflight/preflight-reasons.js';

/** What the handler, health checks and the reconciler need. Ports are passed in explicitly. */
export interface MlflowKserveDeps {
  config: Config;
  kube: KubePort;
  /**
   * Git target with `git_status_from_cluster`: the cluster the GitOps controller applies the committed files to, read
   * only, for status write-back.
   */
  clusterView?: KubePort | undefined;
  /**
   * `undefined`: no MLflow (development only): an {@link EventFedMlflow} stands in, told by each verified
   * event what the registry holds.
   */
  mlflow?: MlflowPort | undefined;
  /** The InferenceService template text. Default: `loadTemplate(config.inference_service_template)`. */
  template?: string;
  logger?: Logger;
  metrics?: Metrics;
  /** The clock in Unix seconds (tests). */
  nowSeconds?: () => number;
  /** Where rollout analysis reads metrics. Default: Prometheus at `canary_prometheus_url`, when set. */
  metricsSource?: MetricsQueryPort | undefined;
}

/**
 * Dependencies resolved once: defaults filled, ports instrumented, the per-name lock and the state background
 * work shares. Every entry point (handler, converge, reconcile, health) takes one; `assembleMlflowKserve`
 * builds it, or {@link createRuntime} from plain dependencies.
 */
export interface Runtime {
  config: Config;
  kube: KubePort;
  /** Git target with `git_status_from_cluster`: the cluster its files are applied to, read only (status write-back). */
  clusterView: KubePort | undefined;
  /** The registry: a real MLflow, or (development) one that knows what the events said. */
  mlflow: MlflowPort;
  /** Set when `mlflow` knows only the events (development): the webhook handler tells it each one. */
  recordEvent: ((event: RegistryEvent) => void) | undefined;
  template: string;
  logger: Logger;
  metrics: Metrics;
  policy: DeployPolicy;
  mutex: KeyedMutex;
  nowSeconds: (() => number) | undefined;
  /** Rollout analysis: the metrics source (none: KServe's readiness alone) and the checks, parsed once. */
  analysis: { source: MetricsQueryPort | undefined; checks(): Promise<CheckSpec[]> };
  /** Shared state of long-running work, read by the readiness probe. */
  state: RuntimeState;
  /** Parsed `MLmodel` files by version and source (a registered version's files do not change). */
  mlmodels: BoundedCache<string, Mlmodel>;
}

/** What background work reports for `/readyz`. */
export interface RuntimeState {
  /** Why the last reconcile refused to write (the mass-delete guard), until a reconcile succeeds. */
  reconcileBlocked: string | undefined;
  /** The readiness check in flight or recently finished (coalesced). */
  readiness: { at: number; report: Promise<unknown> } | undefined;
  /** Preflight refusals since start, by reason (`/services`). */
  preflightRejections: Partial<Record<PreflightReason, number>>;
}

/**
 * Fills defaults and wraps the ports so that API errors are counted. Done once, at startup.
 *
 * @example
 * ```ts
 * const runtime = createRuntime({ config, kube, mlflow });
 * ```
 */
export function createRuntime(deps: MlflowKserveDeps): Runtime {
  const metrics = deps.metrics ?? noopMetrics;
  const fed = deps.mlflow ? undefined : new EventFedMlflow({ storageUriBase: deps.config.storage_uri_base });
  return {
    config: deps.config,
    kube: instrumentPort(deps.kube, () => metrics.kubernetesApiError()),
    clusterView: deps.clusterView && instrumentPort(deps.clusterView, () => metrics.kubernetesApiError()),
    mlflow: deps.mlflow ? instrumentPort(deps.mlflow, () => metrics.mlflowApiError()) : fed!,
    recordEvent: fed ? (event) => fed.record(event) : undefined,
    template: deps.template ?? loadTemplate(deps.config.inference_service_template),
    logger: deps.logger ?? silentLogger,
    metrics,
    policy: {
      tagKey: deps.config.deploy_tag_key,
      trueValues: deps.config.deploy_tag_values,
      aliases: deps.config.deploy_aliases,
      overrideTags: deps.config.overrides_allowed.map((name) => `${deps.config.override_tag_prefix}${name}`),
      statusTagPrefix: deps.config.status_tag_prefix,
      metadataTagPrefix: deps.config.metadata_tag_prefix,
    },
    mutex: new KeyedMutex(),
    nowSeconds: deps.nowSeconds,
    analysis: {
      source:
        deps.metricsSource ??
        (deps.config.canary_prometheus_url ? new PrometheusQueryClient(deps.config.canary_prometheus_url) : undefined),
      checks: once(() => parseChecks(loadChecksSetting(deps.config.canary_checks))),
    },
    state: { reconcileBlocked: undefined, readiness: undefined, preflightRejections: {} },
    mlmodels: new BoundedCache(20_000),
  };
}

/**
 * The runtime for `deps`: used as is when already a runtime, else built with {@link createRuntime}.
 *
 * @example
 * ```ts
 * const rt = toRuntime({ config, kube, mlflow });
 * ```
 */
export function toRuntime(deps: MlflowKserveDeps | Runtime): Runtime {
  return 'policy' in deps ? deps : createRuntime(deps);
}

/** `make`, called once; a failure is not kept (the next call tries again). */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make().catch((error: unknown) => {
      made = undefined;
      throw error;
    });
    return made;
  };
}
