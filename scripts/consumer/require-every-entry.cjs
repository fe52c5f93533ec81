// A CommonJS consumer: every published entry must load with require() on Node >= 20.19.
const entries = [
  '@mlflow-kserve/core',
  '@mlflow-kserve/core/assemble',
  '@mlflow-kserve/core/operations',
  '@mlflow-kserve/core/mlflow',
  '@mlflow-kserve/core/kube',
  '@mlflow-kserve/core/directory',
  '@mlflow-kserve/core/prometheus',
  '@mlflow-kserve/core/testing',
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
