// Bundles the `mlflow-kserve` command with every dependency for the container image: bundle/mlflow-kserve.mjs
// and, split off, the parts loaded on demand (the Kubernetes client) — a few files to load instead of ~1,500
// modules, so `serve` starts in about half the time and idles with less memory (docs/benchmarks.md). Split
// chunks are also what lets esbuild leave out the client-node code the listener never uses: a module reached
// through a dynamic import() inside one single file is wrapped and keeps all its statements.
// Run `npm run bundle` here after `npm run build`.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeBundle } from '../../../scripts/bundling/slim-bundle.mjs';

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
// The licences of every package with code in the bundle, next to it (the image ships both).
const packages = new Map();
const included = Object.values(result.metafile.outputs).flatMap((output) =>
  Object.entries(output.inputs)
    .filter(([, use]) => use.bytesInOutput > 0)
    .map(([input]) => input),
);
for (const input of included) {
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
  join(outdir, 'THIRD-PARTY-LICENSES.txt'),
  `Packages bundled into mlflow-kserve.mjs (and its chunks) and their licences.\n\n${notices.join('\n' + '-'.repeat(72) + '\n\n')}`,
);
const files = readdirSync(outdir).filter((f) => f.endsWith('.mjs'));
const kib = files.reduce((sum, f) => sum + statSync(join(outdir, f)).size, 0) / 1024;
console.log(
  `bundle/mlflow-kserve.mjs and ${files.length - 1} chunks: ${kib.toFixed(0)} KiB, ${packages.size} packages (bundle/THIRD-PARTY-LICENSES.txt)`,
);
