import { defineConfig } from 'vitest/config';
import { sourceAliases } from './vitest.aliases.js';

// Unit, contract, CLI and example tests (`npm test`). Tests import package sources directly: no build needed.
export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**', '**/*.ops.test.ts', '**/*.build.test.ts'],
    passWithNoTests: false,
    testTimeout: 20_000,
  },
});
