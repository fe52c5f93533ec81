import { defineConfig } from 'vitest/config';
import { sourceAliases } from '../vitest.aliases.js';

// The end-to-end tier: real MLflow, real API server. Run with `npm run test:e2e` (provisions first).
export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.test.ts'],
    passWithNoTests: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Two files at a time (each starts its own MLflow and API server, on their own ports and folders): the
    // tier is mostly waiting on those servers, so two halve its wall time on 2 cores without starving either.
    fileParallelism: true,
    maxWorkers: Number(process.env['MLFLOW_KSERVE_E2E_WORKERS'] ?? 2),
  },
});
