// A strict TypeScript consumer (skipLibCheck: false, nodenext): the published types must check.
import { loadConfig } from '@mlflow-kserve/core';
import { assembleMlflowKserve } from '@mlflow-kserve/core/assemble';
import { reconcile } from '@mlflow-kserve/core/operations';
import { DirectoryKube } from '@mlflow-kserve/core/directory';
import { GitKube } from '@mlflow-kserve/core/git';
import { createKubePort } from '@mlflow-kserve/core/kube';
import { RestMlflowClient } from '@mlflow-kserve/core/mlflow';
import { createPrometheusMetrics } from '@mlflow-kserve/core/prometheus';
import { InMemoryKube } from '@mlflow-kserve/core/testing';
import { mlflowKserveMiddleware } from '@mlflow-kserve/express';
import { createLambdaHandler } from '@mlflow-kserve/lambda';
import { run } from '@mlflow-kserve/cli';

export const everything = [
  loadConfig,
  assembleMlflowKserve,
  reconcile,
  DirectoryKube,
  GitKube,
  createKubePort,
  RestMlflowClient,
  createPrometheusMetrics,
  InMemoryKube,
  mlflowKserveMiddleware,
  createLambdaHandler,
  run,
];
