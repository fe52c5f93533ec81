import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { slimBundle } from '../../scripts/bundling/slim-bundle.mjs';
import { bundledPackages, thirdPartyLicenses } from '../../scripts/bundling/third-party-licenses.mjs';

// @kubernetes/client-node is bundled into the chunk that the cluster target loads on demand, with what its kubeconfig
// and watch modules use and nothing else: importing the package itself loads its ~930 generated API and model modules
// (≈ 600 ms and 60 MB, docs/benchmarks.md section 2), of which the listener uses none. Its code still does all the
// kubeconfig and authentication work (exec plugins, token files, client certificates, OIDC).
export default defineConfig({
  entry: [
    'src/index.ts',
    'src/assemble.ts',
    'src/operations.ts',
    'src/mlflow.ts',
    'src/kube.ts',
    'src/directory.ts',
    'src/git.ts',
    'src/prometheus.ts',
    'src/testing.ts',
  ],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  external: ['vitest'],
  noExternal: [/^@kubernetes\/client-node\//],
  esbuildPlugins: [slimBundle],
  // Some of client-node's dependencies call require() for Node built-ins; an ESM chunk has none of its own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  metafile: true,
  onSuccess: async () => {
    const metafile = JSON.parse(readFileSync('dist/metafile-esm.json', 'utf8'));
    rmSync('dist/metafile-esm.json');
    writeFileSync(
      'dist/THIRD-PARTY-LICENSES.txt',
      thirdPartyLicenses(
        'Packages bundled into @mlflow-kserve/core (the chunk its cluster target loads on demand) and their licences.',
        bundledPackages(metafile, process.cwd()),
      ),
    );
  },
});
