import { defineConfig, mergeConfig } from 'vitest/config';
import root from '../vitest.config.js';

// The end-to-end tier: real MLflow, real API server. Run with `npm run test:e2e` (provisions first).
export default mergeConfig(
  root,
  defineConfig({
    test: {
      include: ['e2e/**/*.e2e.test.ts'],
      exclude: ['**/node_modules/**'],
      testTimeout: 180_000,
      hookTimeout: 300_000,
      fileParallelism: false,
    },
  }),
);
