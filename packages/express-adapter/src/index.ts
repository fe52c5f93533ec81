/**
 * `@mlflow-kserve/express`: mount MLflow → KServe webhooks in an Express app.
 * @packageDocumentation
 */
export { mlflowKserveMiddleware, type MlflowKserveMiddlewareOptions } from './mlflow-kserve-middleware.js';
export { captureRawBody } from './capture-raw-body.js';
