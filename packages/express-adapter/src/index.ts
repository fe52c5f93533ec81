/**
 * `@mlflow-kserve/express`: mount MLflow → KServe webhooks in an Express app.
 * @packageDocumentation
 */
export { mlflowKserveMiddleware, type MlflowKserveMiddlewareOptions } from './mlflow-kserve-middleware.js';
export { captureRawBody, readRawBody, type RawBodyResult } from './read-raw-body.js';
export { createLogger } from './create-logger.js';
