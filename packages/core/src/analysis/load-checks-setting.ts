import { inlineOrFile } from '../config/inline-or-file.js';

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
  return inlineOrFile(setting, (s) => s.includes('\n') || /^\s*[-[]/.test(s), {
    variable: 'MLFLOW_KSERVE_CANARY_CHECKS',
    what: 'analysis checks',
    code: 'config_invalid',
  });
}
