/**
 * `@mlflow-kserve/lambda`: MLflow → KServe webhooks on AWS Lambda.
 * @packageDocumentation
 */
export { createLambdaHandler, type LambdaHandlerOptions } from './create-lambda-handler.js';
export { toWebhookRequest, toLambdaResult, type AcceptedLambdaEvent, type LambdaHttpEvent, type LambdaHttpResult } from './lambda-event.js';
export { createScheduledHandler, type ScheduledHandlerOptions, type ScheduledRunResult } from './create-scheduled-handler.js';
