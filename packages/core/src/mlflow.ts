/**
 * `@mlflow-kserve/core/mlflow`: the MLflow REST implementation of {@link MlflowPort}.
 * @packageDocumentation
 */
export { RestMlflowClient, type RestMlflowClientOptions } from './mlflow/rest-mlflow-client.js';
export { createMlflowClient } from './mlflow/create-mlflow-client.js';
export { type HttpAnswer, type HttpFetch, type HttpRequestInit, httpFetch } from './mlflow/http-fetch.js';
export type { MlflowPort, ModelVersion, ModelVersionPage, RegisteredModelPage, RunInfo } from './ports/mlflow-port.js';
