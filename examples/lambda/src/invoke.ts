// Invokes the function locally with an API Gateway HTTP API (v2) event carrying a delivery signed exactly
// as MLflow signs it. Usage: npm run invoke -- [model] [version] [key=value]
//
// Without MLFLOW_KSERVE_MLFLOW_TRACKING_URI it runs on a bare machine: the handler from source in
// development mode (the events stand in for MLflow, as `mlflow-kserve serve --dev` does), writing YAML to
// MLFLOW_KSERVE_KUBE_TARGET (default dir:./manifests), with a development secret. With it, the built
// function (dist/handler.mjs: npm run build) runs as deployed, configured by MLFLOW_KSERVE_* variables.
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { signPayload } from '@mlflow-kserve/core';
import { createLambdaHandler, type LambdaHttpEvent, type LambdaHttpResult } from '@mlflow-kserve/lambda';

const [model = 'iris-classifier', version = '3', tag = 'deploy=true'] = process.argv.slice(2);
const [key, value] = [tag.slice(0, tag.indexOf('=')), tag.slice(tag.indexOf('=') + 1)];
const env = process.env;
const local = !env['MLFLOW_KSERVE_MLFLOW_TRACKING_URI'];
const secret = env['MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET'] ?? (local ? 'mlflow-kserve-dev-secret' : undefined);
if (!secret) {
  console.error('Set MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET (and the other MLFLOW_KSERVE_* settings the function uses).');
  process.exit(2);
}

let handler: (event: LambdaHttpEvent) => Promise<LambdaHttpResult>;
if (local) {
  console.error('no MLFLOW_KSERVE_MLFLOW_TRACKING_URI: the handler from source, without MLflow (development), writing YAML files');
  handler = createLambdaHandler({
    development: true,
    mlflow: null,
    overrides: {
      mlflow_webhook_secret: secret,
      ...(env['MLFLOW_KSERVE_KUBE_TARGET'] ? {} : { kube_target: 'dir:./manifests' }),
      ...(env['MLFLOW_KSERVE_STORAGE_URI_BASE'] ? {} : { storage_uri_base: 's3://mlflow-artifacts' }),
    },
  });
} else {
  const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'handler.mjs');
  ({ handler } = (await import(pathToFileURL(bundle).href)) as { handler: typeof handler });
}

const timestamp = Math.floor(Date.now() / 1000);
const body = JSON.stringify({
  entity: 'model_version_tag',
  action: 'set',
  timestamp: new Date().toISOString().replace('Z', '+00:00'),
  data: { name: model, version, key, value },
});
const deliveryId = randomUUID();
const result = await handler({
  version: '2.0',
  rawPath: '/webhook',
  headers: {
    'content-type': 'application/json',
    'x-mlflow-delivery-id': deliveryId,
    'x-mlflow-timestamp': String(timestamp),
    'x-mlflow-signature': signPayload({ secret, deliveryId, timestamp, rawBody: body }),
  },
  body,
  isBase64Encoded: false,
  requestContext: { stage: '$default', http: { method: 'POST' } },
} as LambdaHttpEvent);
console.log(JSON.stringify(result, null, 2));
process.exitCode = result.statusCode < 300 ? 0 : 1;
