import express, { type Express } from 'express';
import { mlflowKserveMiddleware, type MlflowKserveMiddlewareOptions } from '@mlflow-kserve/express';

/**
 * An existing service that mounts mlflow-kserve next to its own routes, under /mlflow.
 * MLflow's webhook then points at https://<host>/mlflow/webhook. `kserve` is the middleware: await
 * `kserve.ready` at startup, call `kserve.stop()` at shutdown (it runs the background work too).
 */
export function createApp(options: MlflowKserveMiddlewareOptions = {}): {
  app: Express;
  kserve: ReturnType<typeof mlflowKserveMiddleware>;
} {
  const app = express();
  app.get('/', (_req, res) => void res.json({ service: 'model-platform', routes: ['/mlflow/webhook', '/mlflow/health', '/api/teams'] }));
  app.get('/api/teams', (_req, res) => void res.json(['search', 'ranking']));
  // Mount before any global express.json(), or give express.json({ verify: captureRawBody }).
  const kserve = mlflowKserveMiddleware(options);
  app.use('/mlflow', kserve);
  return { app, kserve };
}
