import {
  createRequestHandler,
  createRuntime,
  loadConfig,
  type Config,
  type KubePort,
  type Logger,
  type MlflowPort,
  type Runtime,
  type WebhookRequest,
  type WebhookResponse,
} from '@mlflow-kserve/core';
import { createKubePort } from '@mlflow-kserve/core/kube';
import { resolveMlflowPort } from '@mlflow-kserve/core/mlflow';
import { createPrometheusMetrics, type PrometheusMetrics } from '@mlflow-kserve/core/prometheus';
import type { Registry } from 'prom-client';
import { createLogger } from './create-logger.js';

/** Options of {@link assembleMlflowKserve}; everything defaults from `MLFLOW_KSERVE_*` variables. */
export interface MlflowKserveOptions {
  config?: Config;
  /** Default: the cluster or directory `kube_target` selects. */
  kube?: KubePort;
  /** Default: the REST client for `mlflow_tracking_uri`; `null` runs without MLflow (development). */
  mlflow?: MlflowPort | null;
  /** Template text. Default: `inference_service_template` or the built-in template. */
  template?: string;
  /** Default: pino JSON logs on stdout at `log_level`. */
  logger?: Logger;
  /** The host app's prom-client registry. Default: a registry of its own. */
  registry?: Registry;
}

/** A configured server core: its runtime, logger, metrics and request handler. */
export interface AssembledMlflowKserve {
  config: Config;
  logger: Logger;
  metrics: PrometheusMetrics;
  runtime: Runtime;
  handle: (request: WebhookRequest) => Promise<WebhookResponse>;
}

/**
 * Builds everything a server needs once, at startup: configuration, pino logger, Prometheus metrics,
 * ports and the request handler with `/metrics`. Used by the Express middleware and by
 * `mlflow-kserve serve` (which puts it behind plain `node:http`).
 *
 * @throws MlflowKserveError `config_invalid` naming what to set.
 * @example
 * ```ts
 * const { handle, config } = assembleMlflowKserve();
 * createServer(createNodeListener(handle, { maxBodyBytes: config.max_body_bytes })).listen(config.app_port);
 * ```
 */
export function assembleMlflowKserve(options: MlflowKserveOptions = {}): AssembledMlflowKserve {
  const config = options.config ?? loadConfig(process.env);
  const logger = options.logger ?? createLogger(config.log_level);
  const metrics = createPrometheusMetrics(options.registry);
  const mlflow = resolveMlflowPort(options.mlflow, config);
  const runtime = createRuntime({
    config,
    kube: options.kube ?? createKubePort(config),
    mlflow,
    logger,
    metrics,
    ...(options.template === undefined ? {} : { template: options.template }),
  });
  return { config, logger, metrics, runtime, handle: createRequestHandler(runtime, { metricsText: metrics.metricsText }) };
}
