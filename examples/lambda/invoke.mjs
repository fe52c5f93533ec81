// Invokes the built function locally with an API Gateway HTTP API (v2) event carrying a delivery signed
// exactly as MLflow signs it (by `mlflow-kserve sign`). Configure it as the function would be, with
// MLFLOW_KSERVE_* variables. Usage: node invoke.mjs [model] [version] [key=value]
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [model = 'iris-classifier', version = '3', tag = 'deploy=true'] = process.argv.slice(2);
const [key, value] = [tag.slice(0, tag.indexOf('=')), tag.slice(tag.indexOf('=') + 1)];
const secret = process.env.MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET;
if (!secret) {
  console.error('Set MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET (and the other MLFLOW_KSERVE_* settings the function uses).');
  process.exit(2);
}
const body = `{"entity": "model_version_tag", "action": "set", "timestamp": "${new Date().toISOString().replace('Z', '+00:00')}", "data": {"name": ${JSON.stringify(model)}, "version": ${JSON.stringify(version)}, "key": ${JSON.stringify(key)}, "value": ${JSON.stringify(value)}}}`;
const cli = join(here, '..', '..', 'packages', 'cli', 'dist', 'bin.js');
const headers = JSON.parse(execFileSync(process.execPath, [cli, 'sign', '--secret', secret, '--body', body], { encoding: 'utf8' }));
const event = {
  version: '2.0',
  rawPath: '/webhook',
  headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  body,
  isBase64Encoded: false,
  requestContext: { stage: '$default', http: { method: 'POST' } },
};
const { handler } = await import(pathToFileURL(join(here, 'dist', 'handler.mjs')).href);
const result = await handler(event);
console.log(JSON.stringify(result, null, 2));
process.exitCode = result.statusCode < 300 ? 0 : 1;
