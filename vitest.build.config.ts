import { defineConfig } from 'vitest/config';
import { sourceAliases } from './vitest.aliases.js';

// The build tier (`npm run test:build`): tests that build the packages and bundle them (the core's bundled
// client-node, the Lambda example's bundle), too slow for the suite a contributor runs on every change. `.ci/run` runs it once.
export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    include: ['packages/*/src/**/*.build.test.ts', 'examples/*/src/**/*.build.test.ts', 'scripts/**/*.build.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    passWithNoTests: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
