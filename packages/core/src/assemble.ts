/**
 * `@mlflow-kserve/core/assemble`: the one assembly of configuration, logger, metrics and ports that every
 * adapter (serve, Express, Lambda) takes, and the startup checks `config check` shares with it. Loads the
 * Kubernetes client only for a cluster target.
 * @packageDocumentation
 */
export { assembleMlflowKserve, type AssembleOptions, type Assembly, type ServableMetrics } from './assembly/assemble-mlflow-kserve.js';
export { diagnoseConfig, runtimeProblems, type ConfigDiagnosis, type DiagnoseOptions } from './assembly/diagnose-config.js';
export { resolvePorts, type ResolvePortsOptions } from './assembly/resolve-ports.js';
export { kubeTarget, kubeTargetForLogs, type KubeTarget } from './config/kube-target.js';
// Background work is started through the assembly (`start()`), which loads it on first use: not exported here.
export type { BackgroundWork } from './assembly/start-background-work.js';
// What an adapter needs beside the assembly — its default logger, and an answer when assembling failed — also
// here, so that an adapter's bundle need not load the root entry (which re-exports the renderer, and with it
// Handlebars and YAML, at startup).
export { createJsonLogger } from './observe/create-json-logger.js';
export { errorResponse } from './http/json-response.js';
export { MlflowKserveError } from './errors/mlflow-kserve-error.js';
export { toMlflowKserveError } from './errors/to-mlflow-kserve-error.js';
