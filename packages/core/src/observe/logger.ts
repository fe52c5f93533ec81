/** The logging the core does: a pino-compatible subset. Never given secrets. */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  child?(bindings: Record<string, unknown>): Logger;
}

/**
 * A logger that drops everything (the default).
 *
 * @example
 * ```ts
 * createWebhookHandler({ ...deps, logger: silentLogger });
 * ```
 */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
