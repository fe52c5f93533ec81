import { defineConfig } from 'vitest/config';
import { sourceAliases } from '../../vitest.aliases.js';

// The ops tier: checks that run helm and promtool, and the README's quick start (it builds). Run with `npm run test:ops` (provisions helm and promtool first).
export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['scripts/ops/**/*.ops.test.ts'],
    passWithNoTests: false,
    testTimeout: 60_000,
  },
});
