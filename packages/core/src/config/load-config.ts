import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { configSchema, type Config } from './config-schema.js';
import { tagSettingConflicts } from './tag-setting-conflicts.js';

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** How to name a setting given in `overrides` in messages, e.g. `{ app_port: '--port' }`. */
  overrideNames?: Partial<Record<keyof Config, string>>;
}

/** The prefix of every environment variable. */
export const envPrefix = 'MLFLOW_KSERVE_';

/**
 * Loads the configuration from environment variables (`MLFLOW_KSERVE_*`, any letter case), with
 * `overrides` (e.g. CLI flags) taking precedence. Every problem is reported at once, each naming its
 * environment variable; secret values never appear in the message.
 *
 * @throws MlflowKserveError `config_invalid`.
 * @example
 * ```ts
 * const config = loadConfig(process.env);
 * const devConfig = loadConfig(process.env, { mlflow_webhook_secret: 'dev' });
 * ```
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<keyof Config, unknown>> = {},
  options: LoadConfigOptions = {},
): Config {
  const raw: Record<string, unknown> = {};
  const known = new Set(Object.keys(configSchema.shape));
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !name.toUpperCase().startsWith(envPrefix)) continue;
    const key = name.slice(envPrefix.length).toLowerCase();
    if (known.has(key) && value !== '') raw[key] = value;
  }
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) raw[key] = value;
  const result = configSchema.safeParse(raw);
  if (result.success) {
    const conflicts = tagSettingConflicts(result.data);
    if (conflicts.length === 0) return result.data;
    const problems = conflicts.map((c) => c.problem);
    const keys = [...new Set(conflicts.flatMap((c) => c.keys))];
    throw new MlflowKserveError('config_invalid', `Invalid configuration:\n- ${problems.join('\n- ')}`, { details: { problems, keys } });
  }
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const message = issue.code === 'invalid_type' && raw[key] === undefined ? 'is required' : issue.message;
    const fromOverride = overrides[key as keyof Config] !== undefined ? options.overrideNames?.[key as keyof Config] : undefined;
    return `${fromOverride ?? `${envPrefix}${key.toUpperCase()}`} ${message}`;
  });
  const keys = [...new Set(result.error.issues.map((issue) => String(issue.path[0] ?? '')))];
  throw new MlflowKserveError('config_invalid', `Invalid configuration:\n- ${problems.join('\n- ')}`, { details: { problems, keys } });
}
