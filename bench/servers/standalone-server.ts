// What `mlflow-kserve serve` runs: plain node:http over the core, with in-memory MLflow and Kubernetes ports.
import { createServer } from 'node:http';
import { createNodeListener, loadConfig } from '@mlflow-kserve/core';
import { InMemoryKube, InMemoryMlflow } from '@mlflow-kserve/core/testing';
import { assembleMlflowKserve } from '@mlflow-kserve/core/assemble';
import { createPrometheusMetrics } from '@mlflow-kserve/core/prometheus';

const port = Number(process.argv[2]);
const mlflow = new InMemoryMlflow();
mlflow.addVersion({ name: 'iris-classifier', version: '3', source: 's3://bench/iris/3', tags: { deploy: 'true' } });
const config = loadConfig({}, { mlflow_webhook_secret: 'bench-secret', mlflow_tracking_uri: 'http://unused', log_level: 'ERROR' });
const { handle } = await assembleMlflowKserve({ config, kube: new InMemoryKube(), mlflow, metrics: createPrometheusMetrics() });
createServer(createNodeListener(handle, { maxBodyBytes: config.max_body_bytes })).listen(port, '127.0.0.1', () => process.send?.('ready'));
process.on('SIGINT', () => process.exit(0));
