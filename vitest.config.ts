import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Tests import package sources directly: no build is needed to test.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@mlflow-kserve\/core\/(mlflow|kube|directory|prometheus|testing)$/, replacement: src('./packages/core/src/$1.ts') },
      { find: /^@mlflow-kserve\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@mlflow-kserve\/express$/, replacement: src('./packages/express-adapter/src/index.ts') },
      { find: /^@mlflow-kserve\/lambda$/, replacement: src('./packages/lambda-adapter/src/index.ts') },
      { find: /^@mlflow-kserve\/cli$/, replacement: src('./packages/cli/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**'],
    passWithNoTests: false,
    testTimeout: 20_000,
  },
});
