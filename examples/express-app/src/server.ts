import { createApp } from './app.js';

// Configuration comes from MLFLOW_KSERVE_* variables (see docs/configuration.md).
const port = Number(process.env['PORT'] ?? 3000);
createApp().listen(port, () => console.log(`listening on :${port}; MLflow webhook URL: http://<host>:${port}/mlflow/webhook`));
