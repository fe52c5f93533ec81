// Builds the Lambda functions: dist/handler.mjs (webhooks), dist/scheduled.mjs (reconcile and status on a
// schedule), the chunks it loads on demand (the Kubernetes client, on the
// first delivery that needs it), dist/THIRD-PARTY-LICENSES.txt (the licences of the bundled packages) and
// dist/function.zip with all of them to upload.
// Run with `npm run build` in this folder (after `npm run build` at the repository root).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { build } from 'esbuild';
import { nodeBundle } from '../../scripts/bundling/slim-bundle.mjs';
import { bundledPackages, thirdPartyLicenses } from '../../scripts/bundling/third-party-licenses.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// Shared with the image's bundle (scripts/bundling/slim-bundle.mjs): ESM for Node, minified, split into the
// handler and chunks (the Kubernetes client loads on the first delivery that needs it), leaving out zod's
// non-English messages, node-fetch's unused URL polyfill and the client-node code the handler never uses.
const result = await build({
  ...nodeBundle,
  entryPoints: { handler: join(here, 'src', 'handler.ts'), scheduled: join(here, 'src', 'scheduled.ts') },
  outdir: dist,
  metafile: true,
  absWorkingDir: here,
  logLevel: 'warning',
});

// The licences of every package with code in the functions, shipped in the zip beside them. The core's own
// build bundled part of @kubernetes/client-node into its chunks and lists those packages in its notice.
const require = createRequire(import.meta.url);
const coreNotice = join(dirname(require.resolve('@mlflow-kserve/core/package.json')), 'dist', 'THIRD-PARTY-LICENSES.txt');
writeFileSync(
  join(dist, 'THIRD-PARTY-LICENSES.txt'),
  thirdPartyLicenses(
    'Packages bundled into handler.mjs, scheduled.mjs and their chunks, and their licences.',
    bundledPackages(result.metafile, here),
    [coreNotice],
  ),
);

/** A zip archive of deflated files, as Lambda accepts it. */
function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of files) {
    const compressed = deflateRawSync(data, { level: 9 });
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01, the zip epoch
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4); // made by Unix, so the file mode below counts
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, compressed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const modules = readdirSync(dist)
  .filter((f) => f.endsWith('.mjs'))
  .sort();
const packaged = [...modules, 'THIRD-PARTY-LICENSES.txt'];
writeFileSync(join(dist, 'function.zip'), zip(packaged.map((name) => ({ name, data: readFileSync(join(dist, name)) }))));
const kib = (bytes) => `${Math.round(bytes / 1024)} KiB`;
const total = modules.reduce((sum, f) => sum + statSync(join(dist, f)).size, 0);
console.log(
  `dist/handler.mjs, dist/scheduled.mjs and ${modules.length - 2} chunks: ${kib(total)}; dist/function.zip ${kib(statSync(join(dist, 'function.zip')).size)} (with THIRD-PARTY-LICENSES.txt)`,
);
