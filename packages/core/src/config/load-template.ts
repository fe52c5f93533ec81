import { defaultTemplate } from '../render/default-template.js';
import { inlineOrFile } from './inline-or-file.js';

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
  return inlineOrFile(setting, (s) => s.includes('\n') || /apiVersion\s*:/.test(s), {
    variable: 'MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE',
    what: 'InferenceService template',
    code: 'invalid_template',
  });
}
