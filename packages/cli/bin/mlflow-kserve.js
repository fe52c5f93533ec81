#!/usr/bin/env node
// The `mlflow-kserve` command. A committed shim so that npm links the bin even before `dist/` is built
// (npm skips bins whose target is missing at install time, which is the case in a fresh checkout).
import('../dist/bin.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    process.stderr.write('mlflow-kserve is not built yet: run `npm run build` (or `npm start`) at the repository root first.\n');
    process.exitCode = 1;
    return;
  }
  throw error;
});
