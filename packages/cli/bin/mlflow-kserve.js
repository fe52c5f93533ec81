#!/usr/bin/env node
// The `mlflow-kserve` command: the bundle that `npm run build` makes (bundle/mlflow-kserve.mjs, every dependency in a
// few files, the same the container image runs). A committed shim so that npm links the bin even before the bundle
// is built (npm skips bins whose target is missing at install time, which is the case in a fresh checkout).
import('../bundle/mlflow-kserve.mjs').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('mlflow-kserve.mjs')) {
    process.stderr.write('mlflow-kserve is not built yet: run `npm run build` (or `npm start`) at the repository root first.\n');
    process.exitCode = 1;
    return;
  }
  throw error;
});
