import { readFileSync } from 'node:fs';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';

/**
 * The text a setting holds either inline or as a file path: `inline(setting)` says which; a file is read once.
 *
 * @throws MlflowKserveError `code` naming the setting, when the file cannot be read.
 * @example
 * ```ts
 * inlineOrFile('/etc/mlflow-kserve/template.yaml', (s) => s.includes('\n'), { variable: 'MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE', what: 'InferenceService template', code: 'invalid_template' });
 * ```
 */
export function inlineOrFile(
  setting: string,
  inline: (setting: string) => boolean,
  about: { variable: string; what: string; code: 'invalid_template' | 'config_invalid' },
): string {
  if (inline(setting)) return setting;
  try {
    return readFileSync(setting, 'utf8');
  } catch (cause) {
    throw new MlflowKserveError(
      about.code,
      `Cannot read the ${about.what} file named by ${about.variable} (${(cause as NodeJS.ErrnoException).code ?? 'error'}). Set it to a readable file or to inline YAML.`,
      { cause, retryable: false },
    );
  }
}
