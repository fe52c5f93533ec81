/**
 * `@mlflow-kserve/express`: mount MLflow → KServe webhooks in an Express app.
 * @packageDocumentation
 */
export { mlflowKserveMiddleware, type MlflowKserveMiddlewareOptions } from './mlflow-kserve-middleware.js';
export { captureRawBody } from '@mlflow-kserve/core';
export { createLogger } from './create-logger.js';
export { assembleMlflowKserve, type MlflowKserveOptions, type AssembledMlflowKserve } from './assemble-mlflow-kserve.js';
