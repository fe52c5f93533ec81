// A host service for the embedding benchmark, run by plain `node` (no TypeScript loader, so the import cost measured is
// what a user's service pays): Express with one route of its own and, with `middleware` as argument, the SDK's
// middleware configured from MLFLOW_KSERVE_* variables. Sends 'ready' over IPC once it listens (after `ready`).
import express from 'express';

const [port, mode] = process.argv.slice(2);
const app = express();
app.get('/own', (_req, res) => res.json({ ok: true }));
let kserve;
if (mode === 'middleware') {
  const { mlflowKserveMiddleware } = await import('@mlflow-kserve/express');
  kserve = mlflowKserveMiddleware();
  app.use(kserve);
  await kserve.ready;
}
const server = app.listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => void (kserve?.stop() ?? Promise.resolve()).then(() => server.close(() => process.exit(0))));
