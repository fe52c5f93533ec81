import { createApp } from './app.js';

// Configuration comes from MLFLOW_KSERVE_* variables (see docs/configuration.md). Without
// MLFLOW_KSERVE_MLFLOW_TRACKING_URI it runs as `mlflow-kserve serve --dev` does: the events stand in for
// MLflow, so it can be tried on a bare machine; never run it that way in production.
const port = Number(process.env['PORT'] ?? 3000);
const development = !process.env['MLFLOW_KSERVE_MLFLOW_TRACKING_URI'];
// Without MLflow, a version's storage URI is invented under MLFLOW_KSERVE_STORAGE_URI_BASE (as serve --dev does).
const storage = process.env['MLFLOW_KSERVE_STORAGE_URI_BASE'] ? {} : { storage_uri_base: 's3://mlflow-artifacts' };
const { app, kserve } = createApp(development ? { development: true, mlflow: null, overrides: storage } : {});
// A wrong configuration stops the host here, naming every problem, instead of failing the first delivery.
await kserve.ready;
const server = app.listen(port, '127.0.0.1', () =>
  console.log(
    `listening on http://127.0.0.1:${port}; MLflow's webhook URL: http://<host>:${port}/mlflow/webhook${development ? ' (development: no MLflow)' : ''}`,
  ),
);
// The middleware runs background work (reconcile, status write-back, leader election): stop it first.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void kserve.stop().then(() => server.close()));
}
