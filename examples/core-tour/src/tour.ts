// The core, one function at a time, on a delivery signed exactly as MLflow signs it. Run: npm run tour
import {
  converge,
  decideAction,
  defaultDeployPolicy,
  defaultTemplate,
  inferenceServiceName,
  loadConfig,
  parseEvent,
  renderManifest,
  signPayload,
  tagEventBody,
  templateValuesFor,
  verifySignature,
  versionKey,
  createRuntime,
} from '@mlflow-kserve/core';
import { InMemoryKube, InMemoryMlflow } from '@mlflow-kserve/core/testing';

// What MLflow sends: the exact body bytes and three headers (delivery id, timestamp, signature).
const secret = 'whsec-example';
const rawBody = tagEventBody('iris-classifier', '3', 'deploy', 'true');
const deliveryId = '5b0d7c5e-4a1f-4f7e-9c55-0d6c3f7a2b10';
const timestamp = Math.floor(Date.now() / 1000);
const headers = {
  'content-type': 'application/json',
  'x-mlflow-delivery-id': deliveryId,
  'x-mlflow-timestamp': String(timestamp),
  'x-mlflow-signature': signPayload({ secret, deliveryId, timestamp, rawBody }),
};

// 1. MLflow's signature: "v1," + base64 HMAC-SHA256 over "{delivery id}.{timestamp}.{raw body}".
const verified = verifySignature({ rawBody, headers, secrets: [secret] });
if (!verified.ok) throw new Error(verified.reason); // 'timestamp_too_old', 'signature_mismatch', …

// 2. A typed event (real MLflow payloads and the legacy shape).
const event = parseEvent(rawBody); // { type: 'model_version_tag.set', model: 'iris-classifier', version: '3', key: 'deploy', value: 'true', … }

// 3. Which deployment keys it concerns (MLflow's current state decides what happens to each).
const action = decideAction(event, defaultDeployPolicy); // { type: 'converge', keys: [{ kind: 'version', model: 'iris-classifier', version: '3' }] }

// 4. A name KServe accepts, unique per (model, version), that fits the namespace's host-name budget.
const name = inferenceServiceName('Iris_Classifier', '3', { namespace: 'kserve-mlflow-models' }); // 'mlflow-iris-classifier-v3-f5430c'

// 5. A manifest no model name can break out of.
const { object, yaml } = renderManifest(
  defaultTemplate,
  templateValuesFor({
    name: 'mlflow-iris-classifier-v3',
    namespace: 'kserve-mlflow-models',
    modelName: 'iris-classifier',
    modelVersion: '3',
    storageUri: 's3://bucket/iris/3',
    resources: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '512Mi', memoryLimit: '2Gi' },
  }),
);

// 6. Configuration from MLFLOW_KSERVE_* variables, every problem reported at once.
const config = loadConfig({ MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: secret, MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow:5000' });

// 7. Converge one key against MLflow's current state (here in-memory stand-ins for MLflow and Kubernetes).
const mlflow = new InMemoryMlflow();
mlflow.addVersion({ name: 'iris-classifier', version: '3', source: 's3://bucket/iris/3', tags: { deploy: 'true' } });
const kube = new InMemoryKube();
const result = await converge(createRuntime({ config, kube, mlflow }), versionKey('iris-classifier', '3')); // { action: 'created', name: 'mlflow-iris-classifier-v3', … }

export const tour = { verified, event, action, name, object, yaml, config, result };
console.log(
  JSON.stringify({ verified: verified.ok, event: event.type, action, name, kind: object.kind, converged: result.action }, null, 2),
);
