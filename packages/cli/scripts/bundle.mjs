// Bundles the `mlflow-kserve` command with every dependency into one ESM file, bundle/mlflow-kserve.mjs,
// for the container image: one file to load instead of ~1,500 modules, so `serve` starts in about half the
// time and idles with less memory (docs/benchmarks.md). Run `npm run bundle` here after `npm run build`.
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const outfile = join(here, 'bundle', 'mlflow-kserve.mjs');

await build({
  entryPoints: [join(here, 'dist', 'bin.js')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  outfile,
  logLevel: 'error',
  // Some dependencies (yaml, @kubernetes/client-node) call require() for Node built-ins; an ESM bundle
  // has no require of its own, so give it Node's.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
console.log(`bundle/mlflow-kserve.mjs: ${(statSync(outfile).size / 1024).toFixed(0)} KiB`);
