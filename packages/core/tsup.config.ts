import { defineConfig } from 'tsup';

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/assemble.ts',
    'src/operations.ts',
    'src/mlflow.ts',
    'src/kube.ts',
    'src/directory.ts',
    'src/prometheus.ts',
    'src/testing.ts',
  ],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  external: ['vitest'],
});
