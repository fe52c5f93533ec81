import { readFileSync } from 'node:fs';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';

/**
 * The `canary_checks` setting as YAML text: unset → `undefined` (the built-in checks); a value with a newline
 * or starting like a YAML list → used inline; otherwise a file path, read once.
 *
 * @throws MlflowKserveError `config_invalid` when the file cannot be read.
 * @example
 * ```ts
 * loadChecksSetting('/etc/mlflow-kserve/checks.yaml');
 * ```
 */
export function loadChecksSetting(setting: string | undefined): string | undefined {
  if (setting === undefined || setting.trim() === '') return undefined;
  if (setting.includes('\n') || setting.trimStart().startsWith('-') || setting.trimStart().startsWith('[')) return setting;
  try {
    return readFileSync(setting, 'utf8');
  } catch (cause) {
    throw new MlflowKserveError(
      'config_invalid',
      `Cannot read the analysis checks file named by MLFLOW_KSERVE_CANARY_CHECKS (${(cause as NodeJS.ErrnoException).code ?? 'error'}). Set it to a readable file or to inline YAML.`,
      { cause, retryable: false },
    );
  }
}
