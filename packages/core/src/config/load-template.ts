import { readFileSync } from 'node:fs';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { defaultTemplate } from '../render/default-template.js';

/**
 * Resolves the `inference_service_template` setting: unset → the built-in template; a value that looks
 * like YAML (contains a newline or `apiVersion`) → used inline; otherwise a file path that is read once.
 *
 * @throws MlflowKserveError `invalid_template` when the file cannot be read.
 * @example
 * ```ts
 * const template = loadTemplate(config.inference_service_template);
 * ```
 */
export function loadTemplate(setting: string | undefined): string {
  if (setting === undefined || setting.trim() === '') return defaultTemplate;
  if (setting.includes('\n') || /apiVersion\s*:/.test(setting)) return setting;
  try {
    return readFileSync(setting, 'utf8');
  } catch (cause) {
    throw new MlflowKserveError(
      'invalid_template',
      `Cannot read the InferenceService template file named by MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE (${(cause as NodeJS.ErrnoException).code ?? 'error'}). Set it to a readable file or to inline YAML.`,
      { cause, retryable: false },
    );
  }
}
