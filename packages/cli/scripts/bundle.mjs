// Bundles the `mlflow-kserve` command with every dependency into one ESM file, bundle/mlflow-kserve.mjs,
// for the container image: one file to load instead of ~1,500 modules, so `serve` starts in about half the
// time and idles with less memory (docs/benchmarks.md). Run `npm run bundle` here after `npm run build`.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { slimBundle } from '../../../scripts/bundling/slim-bundle.mjs';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const outfile = join(here, 'bundle', 'mlflow-kserve.mjs');

const result = await build({
  entryPoints: [join(here, 'dist', 'bin.js')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  metafile: true,
  absWorkingDir: here,
  plugins: [slimBundle],
  outfile,
  logLevel: 'error',
  // Some dependencies (yaml, @kubernetes/client-node) call require() for Node built-ins; an ESM bundle
  // has no require of its own, so give it Node's.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
// The licences of every package inside the bundle, next to it (the image ships both).
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  // Inputs are paths relative to this package, or `namespace:/absolute/path` for the slim-bundle plugin's.
  const match = /^(?:[\w-]+:)?(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.set(resolve(here, match[1]), true);
}
const notices = [...packages.keys()].sort().map((dir) => {
  const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `(no licence file; package.json says ${license})`;
  return `${name}@${version} (${license})\n\n${text}\n`;
});
writeFileSync(
  join(here, 'bundle', 'THIRD-PARTY-LICENSES.txt'),
  `Packages bundled into mlflow-kserve.mjs and their licences.\n\n${notices.join('\n' + '-'.repeat(72) + '\n\n')}`,
);
console.log(
  `bundle/mlflow-kserve.mjs: ${(statSync(outfile).size / 1024).toFixed(0)} KiB, ${packages.size} packages (bundle/THIRD-PARTY-LICENSES.txt)`,
);
