import { fileURLToPath } from 'node:url';

const src = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Package names → their sources, so tests need no build. Shared by the unit and e2e configs. */
export const sourceAliases = [
  {
    find: /^@mlflow-kserve\/core\/(assemble|operations|mlflow|kube|directory|git|prometheus|testing)$/,
    replacement: src('./packages/core/src/$1.ts'),
  },
  { find: /^@mlflow-kserve\/core$/, replacement: src('./packages/core/src/index.ts') },
  { find: /^@mlflow-kserve\/express$/, replacement: src('./packages/express-adapter/src/index.ts') },
  { find: /^@mlflow-kserve\/lambda$/, replacement: src('./packages/lambda-adapter/src/index.ts') },
  { find: /^@mlflow-kserve\/cli$/, replacement: src('./packages/cli/src/index.ts') },
];
