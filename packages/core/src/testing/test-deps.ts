import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/config-schema.js';
import { InMemoryKube } from './in-memory-kube.js';
import { InMemoryMlflow } from './in-memory-mlflow.js';

/** The secret the in-memory test setups use. */
export const testSecret = 'whsec-test-secret';

/**
 * A configuration plus in-memory MLflow and Kubernetes for tests, with one model version
 * `iris-classifier` 3 stored at `s3://models/iris/3`.
 *
 * @example
 * ```ts
 * const { config, kube, mlflow } = testDeps();
 * ```
 */
export function testDeps(overrides: Partial<Record<keyof Config, unknown>> = {}): {
  config: Config;
  kube: InMemoryKube;
  mlflow: InMemoryMlflow;
} {
  const config = loadConfig(
    {},
    {
      mlflow_webhook_secret: testSecret,
      mlflow_tracking_uri: 'http://mlflow.test:5000',
      storage_uri_base: 's3://mlflow-artifacts',
      ...overrides,
    },
  );
  const mlflow = new InMemoryMlflow();
  mlflow.addVersion({ name: 'iris-classifier', version: '3', source: 's3://models/iris/3', runId: 'run-3' });
  mlflow.addRun({ runId: 'run-3', experimentId: '7', artifactUri: 's3://mlflow-artifacts/7/run-3/artifacts' });
  return { config, kube: new InMemoryKube(), mlflow };
}
