// The SDK's webhook path: Express + mlflowKserveMiddleware with in-memory MLflow and Kubernetes ports.
import express from 'express';
import { loadConfig } from '@mlflow-kserve/core';
import { InMemoryKube, InMemoryMlflow } from '@mlflow-kserve/core/testing';
import { mlflowKserveMiddleware } from '@mlflow-kserve/express';

const port = Number(process.argv[2]);
const mlflow = new InMemoryMlflow();
mlflow.addVersion({ name: 'iris-classifier', version: '3', source: 's3://bench/iris/3', tags: { deploy: 'true' } });
const config = loadConfig({}, { mlflow_webhook_secret: 'bench-secret', mlflow_tracking_uri: 'http://unused', log_level: 'ERROR' });
const app = express();
app.use(mlflowKserveMiddleware({ config, kube: new InMemoryKube(), mlflow }));
app.listen(port, '127.0.0.1', () => process.send?.('ready'));
process.on('SIGINT', () => process.exit(0));
