import type { Config } from '../config/config-schema.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { createRequestHandler, type RequestHandler } from '../handler/create-request-handler.js';
import { createJsonLogger } from '../observe/create-json-logger.js';
import type { Logger } from '../observe/logger.js';
import { type Metrics, noopMetrics } from '../observe/metrics.js';
import type { KubePort } from '../ports/kube-port.js';
import type { LeasePort } from '../ports/lease-port.js';
import type { MlflowPort } from '../ports/mlflow-port.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { diagnoseConfig, runtimeProblems } from './diagnose-config.js';
import { resolvePorts } from './resolve-ports.js';
import type { BackgroundWork } from './start-background-work.js';

/** Metrics that can also render themselves for `GET /metrics` (e.g. `createPrometheusMetrics()`). */
export type ServableMetrics = Metrics & { metricsText?: () => Promise<{ contentType: string; body: string }> };

/** Options of {@link assembleMlflowKserve}; everything defaults from `MLFLOW_KSERVE_*` variables. */
export interface AssembleOptions {
  /** A loaded configuration. Default: from `env` and `overrides`. */
  config?: Config;
  /** Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Settings that win over the environment (e.g. command-line flags). */
  overrides?: Partial<Record<keyof Config, unknown>>;
  /** How to name overridden settings in messages, e.g. `{ app_port: '--port' }`. */
  overrideNames?: Partial<Record<keyof Config, string>>;
  /** Development mode: MLflow is optional (without it, a registry told by the events stands in). */
  development?: boolean;
  /** Default: the cluster or directory `kube_target` selects. */
  kube?: KubePort;
  /** Default: the REST client for `mlflow_tracking_uri`; `null` runs without MLflow (development). */
  mlflow?: MlflowPort | null;
  /** Template text. Default: `inference_service_template` or the built-in template. */
  template?: string;
  /** Default: JSON lines at `log_level`, written with `logWrite`. Any object with debug/info/warn/error works (pino too). */
  logger?: Logger;
  /** Where the default logger writes each JSON line. Default: stdout. */
  logWrite?: (line: string) => void;
  /** Default: none. With `metricsText`, `GET /metrics` is served. */
  metrics?: ServableMetrics;
  /** Replaces `fetch` for the MLflow client (tests). */
  fetch?: typeof fetch;
}

/** Everything a server needs, built once. */
export interface Assembly {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  runtime: Runtime;
  /** All routes as one function of plain data; unknown paths answer 404 (adapters may fall through). */
  handle: RequestHandler;
  /** For leader election, with a cluster target. */
  leases: LeasePort | undefined;
  /**
   * Starts the background work a long-running host runs besides answering webhooks, once (later calls
   * return the same): leader election (cluster target), the work queue, the periodic reconcile, the status
   * writer and keeping MLflow's webhook set up. `serve` and the Express middleware call it; a Lambda cannot
   * (see `createScheduledHandler`, or `mlflow-kserve reconcile` and `status sync` on a schedule). Its code
   * loads with the first call, so a host that never calls it never loads it.
   */
  start(): Promise<BackgroundWork>;
  /** Stops the background work (releasing the Lease when leading); resolves when it has stopped. */
  stop(): Promise<void>;
}

/**
 * The one assembly of configuration, logger, metrics, ports and background work that `mlflow-kserve
 * serve`, the Express middleware, the Lambda handler and the CLI's one-shot commands all use, so every way
 * of running decides these things alike: the
 * configuration is checked as `mlflow-kserve config check` checks it (every problem at once), MLflow is
 * required outside development, `dir:` targets write files, and the Kubernetes client is loaded only
 * for a cluster target.
 *
 * @throws MlflowKserveError `config_invalid` listing every problem.
 * @example
 * ```ts
 * import { assembleMlflowKserve } from '@mlflow-kserve/core/assemble';
 * const assembly = await assembleMlflowKserve();
 * createServer(createNodeListener(assembly.handle, { maxBodyBytes: assembly.config.max_body_bytes })).listen(assembly.config.app_port);
 * await assembly.start(); // leader election, queue, reconcile, status, webhook ensuring
 * process.once('SIGTERM', () => void assembly.stop());
 * ```
 */
export async function assembleMlflowKserve(options: AssembleOptions = {}): Promise<Assembly> {
  const env = options.env ?? process.env;
  const checks = {
    development: options.development,
    kubeGiven: Boolean(options.kube),
    mlflowGiven: options.mlflow !== undefined,
    env,
    template: options.template,
    ...(options.overrideNames ? { overrideNames: options.overrideNames } : {}),
  };
  let config = options.config;
  let problems: string[];
  if (config) problems = await runtimeProblems(config, checks);
  else {
    const diagnosis = await diagnoseConfig(env, options.overrides, checks);
    config = diagnosis.config;
    problems = diagnosis.problems;
  }
  if (!config || problems.length > 0) {
    throw new MlflowKserveError('config_invalid', `Invalid configuration:\n- ${problems.join('\n- ')}`, { details: { problems } });
  }
  const logger = options.logger ?? createJsonLogger(config.log_level, options.logWrite);
  const metrics = options.metrics ?? noopMetrics;
  const { kube, mlflow, leases, clusterView } = await resolvePorts(config, {
    kube: options.kube,
    mlflow: options.mlflow,
    development: options.development,
    env,
    fetch: options.fetch,
    logger,
  });
  const runtime = createRuntime({
    config,
    kube,
    mlflow,
    clusterView,
    logger,
    metrics,
    ...(options.template === undefined ? {} : { template: options.template }),
  });
  const metricsText = options.metrics?.metricsText;
  let background: Promise<BackgroundWork> | undefined;
  return {
    config,
    logger,
    metrics,
    runtime,
    leases,
    handle: createRequestHandler(runtime, metricsText ? { metricsText } : {}),
    start: () => {
      // Loaded on first use: leader election, the queue, reconcile and the status writer are no part of a
      // Lambda's cold start.
      background ??= import('./start-background-work.js').then(({ startBackgroundWork }) => startBackgroundWork(runtime, leases));
      return background;
    },
    stop: async () => {
      const running = background;
      background = undefined;
      await (await running)?.stop();
    },
  };
}
