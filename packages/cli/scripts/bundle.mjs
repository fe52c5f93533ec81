// Bundles the `mlflow-kserve` command with every dependency, for the npm package's bin and the container image: bundle/mlflow-kserve.mjs
// and, split off, the parts loaded on demand (the Kubernetes client) — a few files to load instead of ~1,500
// modules, so `serve` starts in about half the time and idles with less memory (docs/benchmarks.md). Split
// chunks are also what lets esbuild leave out the client-node code the listener never uses: a module reached
// through a dynamic import() inside one single file is wrapped and keeps all its statements.
// Part of this package's `npm run build` (after tsup).
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeBundle } from '../../../scripts/bundling/slim-bundle.mjs';
import { bundledPackages, thirdPartyLicenses } from '../../../scripts/bundling/third-party-licenses.mjs';

const require = createRequire(import.meta.url);

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const outdir = join(here, 'bundle');
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const result = await build({
  ...nodeBundle,
  entryPoints: { 'mlflow-kserve': join(here, 'dist', 'bin.js') },
  outdir,
  legalComments: 'none',
  metafile: true,
  absWorkingDir: here,
  logLevel: 'error',
});
// The licences of every package with code in the bundle, next to it (the image ships both). The core's build
// bundled part of @kubernetes/client-node into its own chunks and lists those packages in its notice.
const packages = bundledPackages(result.metafile, here);
const coreNotice = join(dirname(require.resolve('@mlflow-kserve/core/package.json')), 'dist', 'THIRD-PARTY-LICENSES.txt');
writeFileSync(
  join(outdir, 'THIRD-PARTY-LICENSES.txt'),
  thirdPartyLicenses('Packages bundled into mlflow-kserve.mjs (and its chunks) and their licences.', packages, [coreNotice]),
);
const files = readdirSync(outdir).filter((f) => f.endsWith('.mjs'));
const kib = files.reduce((sum, f) => sum + statSync(join(outdir, f)).size, 0) / 1024;
console.log(
  `bundle/mlflow-kserve.mjs and ${files.length - 1} chunks: ${kib.toFixed(0)} KiB, ${packages.length} packages (bundle/THIRD-PARTY-LICENSES.txt)`,
);
