import { defineConfig } from 'vitest/config';
import { sourceAliases } from './vitest.aliases.js';

// Unit, contract, CLI and example tests (`npm test`). Tests import package sources directly: no build needed.
// Worker threads without a fresh module graph per file: each worker imports the sources once (import time fell
// from ≈ 15 s to ≈ 3 s, the suite from ≈ 65 s to ≈ 32 s wall on 2 cores). Tests therefore keep no state in modules
// between files (no vi.mock, no process.chdir; servers and timers are closed in afterEach/afterAll); the suite
// also passes with --sequence.shuffle.
export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**', '**/*.ops.test.ts', '**/*.build.test.ts'],
    pool: 'threads',
    isolate: false,
    passWithNoTests: false,
    testTimeout: 20_000,
  },
});
