// Wiring the listener yourself on plain node:http, configured like `mlflow-kserve serve`. Run: npm run listen
import { createServer } from 'node:http';
import { createNodeListener } from '@mlflow-kserve/core';
import { assembleMlflowKserve } from '@mlflow-kserve/core/assemble';

const assembly = await assembleMlflowKserve(); // MLFLOW_KSERVE_* variables, checked like `config check`
const { handle, config, logger } = assembly;
const server = createServer(createNodeListener(handle, { maxBodyBytes: config.max_body_bytes }));
server.listen(config.app_port, config.app_host, () => logger.info({ address: server.address() }, 'listening'));
await assembly.start(); // background work: leader election, the work queue, periodic reconcile, status write-back
process.once('SIGTERM', () => void assembly.stop().then(() => server.close()));
