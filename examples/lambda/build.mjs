// Builds the Lambda function: one ESM file, dist/handler.mjs, and dist/function.zip to upload.
// Run with `npm run build` in this folder (after `npm run build` at the repository root).
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { build } from 'esbuild';
import { slimBundle } from '../../scripts/bundling/slim-bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: [join(here, 'src', 'handler.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  outfile: join(dist, 'handler.mjs'),
  logLevel: 'warning',
  // Leaves out zod's non-English messages and node-fetch's unused URL polyfill (scripts/bundling/slim-bundle.mjs).
  plugins: [slimBundle],
  // Some dependencies (yaml, @kubernetes/client-node) call require() for Node built-ins; an ESM bundle
  // has no require of its own, so give it Node's.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

/** A zip archive with one deflated file, as Lambda accepts it. */
function zipOne(name, data) {
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
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(local.length + nameBytes.length + compressed.length, 16);
  return Buffer.concat([local, nameBytes, compressed, central, nameBytes, end]);
}

const handler = readFileSync(join(dist, 'handler.mjs'));
writeFileSync(join(dist, 'function.zip'), zipOne('handler.mjs', handler));
const kib = (file) => `${Math.round(statSync(join(dist, file)).size / 1024)} KiB`;
console.log(`dist/handler.mjs ${kib('handler.mjs')}, dist/function.zip ${kib('function.zip')}`);
