// A CommonJS consumer: every published entry must load with require() on Node >= 20.19.
// Every subpath core's package.json exports, so a new entry cannot be left out of this check.
const coreExports = Object.keys(require('@mlflow-kserve/core/package.json').exports).filter((subpath) => subpath !== './package.json');
const entries = [
  ...coreExports.map((subpath) => `@mlflow-kserve/core${subpath.slice(1)}`),
  '@mlflow-kserve/express',
  '@mlflow-kserve/lambda',
  '@mlflow-kserve/cli',
];
let failed = 0;
for (const entry of entries) {
  try {
    const loaded = require(entry);
    if (Object.keys(loaded).length === 0) throw new Error('exports nothing');
    console.log(`require('${entry}') ok`);
  } catch (error) {
    failed += 1;
    console.error(`require('${entry}') failed: ${error.code ?? ''} ${error.message}`);
  }
}
process.exitCode = failed ? 1 : 0;
