/**
 * `@mlflow-kserve/core/assemble`: the one assembly of configuration, logger, metrics and ports that every
 * adapter (serve, Express, Lambda) takes, and the startup checks `config check` shares with it. Loads the
 * Kubernetes client only for a cluster target.
 * @packageDocumentation
 */
export { assembleMlflowKserve, type AssembleOptions, type Assembly, type ServableMetrics } from './assembly/assemble-mlflow-kserve.js';
export { diagnoseConfig, runtimeProblems, type ConfigDiagnosis, type DiagnoseOptions } from './assembly/diagnose-config.js';
export { resolvePorts, type ResolvePortsOptions } from './assembly/resolve-ports.js';
export { kubeTarget, type KubeTarget } from './config/kube-target.js';
export { startBackgroundWork, type BackgroundWork } from './assembly/start-background-work.js';
