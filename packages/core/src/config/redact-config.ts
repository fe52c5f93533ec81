import { redactText } from '../util/redact-text.js';
import { secretConfigKeys, type Config } from './config-schema.js';

/**
 * A URL with any user name or password replaced by `***` (`http://***:***@mlflow:5000/`); other text as is.
 *
 * @example
 * ```ts
 * redactUrl('http://user:pw@mlflow:5000'); // 'http://***:***@mlflow:5000/'
 * ```
 */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    if (!url.username && !url.password) return text;
    if (url.username) url.username = '***';
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return redactText(text);
  }
}

/**
 * A copy of the configuration safe to print: secrets become `"***"` (or `["***", …]`), unset ones stay unset,
 * and credentials written into the tracking URI or a Git target's URL are masked.
 *
 * @example
 * ```ts
 * console.log(JSON.stringify(redactConfig(config), null, 2));
 * ```
 */
export function redactConfig(config: Config): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...config };
  for (const key of secretConfigKeys) {
    const value = copy[key];
    if (value === undefined) continue;
    copy[key] = Array.isArray(value) ? value.map(() => '***') : '***';
  }
  if (typeof copy['mlflow_tracking_uri'] === 'string') copy['mlflow_tracking_uri'] = redactUrl(copy['mlflow_tracking_uri']);
  if (typeof copy['kube_target'] === 'string' && copy['kube_target'].startsWith('git:'))
    copy['kube_target'] = `git:${redactUrl(copy['kube_target'].slice('git:'.length))}`;
  return copy;
}
