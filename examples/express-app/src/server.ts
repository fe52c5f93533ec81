import { createApp } from './app.js';

// Configuration comes from MLFLOW_KSERVE_* variables (see docs/configuration.md).
const port = Number(process.env['PORT'] ?? 3000);
const { app, kserve } = createApp();
// A wrong configuration stops the host here, naming every problem, instead of failing the first delivery.
await kserve.ready;
const server = app.listen(port, () => console.log(`listening on :${port}; MLflow webhook URL: http://<host>:${port}/mlflow/webhook`));
// The middleware runs background work (reconcile, status write-back, leader election): stop it first.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void kserve.stop().then(() => server.close()));
}
