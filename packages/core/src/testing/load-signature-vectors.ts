import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One delivery from `shared/vectors/mlflow-signatures.json`. */
export interface SignatureVector {
  name: string;
  secret: string;
  headers: Record<string, string>;
  body: string;
  reason?: string;
}

/** The byte-exact MLflow deliveries kept beside the repository, in `../shared/vectors`. */
export interface SignatureVectors {
  now_seconds: number;
  valid: SignatureVector[];
  invalid: SignatureVector[];
}

/**
 * Finds and reads `shared/vectors/mlflow-signatures.json` (set `MLFLOW_KSERVE_VECTORS` to override).
 * Throws a clear error when it is missing: tests must not silently pass without it.
 *
 * @example
 * ```ts
 * const vectors = loadSignatureVectors();
 * ```
 */
export function loadSignatureVectors(): SignatureVectors {
  const candidates: string[] = [];
  if (process.env['MLFLOW_KSERVE_VECTORS']) candidates.push(process.env['MLFLOW_KSERVE_VECTORS']);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i += 1) {
    candidates.push(join(dir, '..', 'shared', 'vectors', 'mlflow-signatures.json'));
    dir = resolve(dir, '..');
  }
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(`MLflow signature vectors not found; looked in:\n${candidates.join('\n')}\nSet MLFLOW_KSERVE_VECTORS to the file.`);
  }
  return JSON.parse(readFileSync(found, 'utf8')) as SignatureVectors;
}
