/** The logging the core does: a pino-compatible subset. Never given secrets. */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  child?(bindings: Record<string, unknown>): Logger;
  /**
   * Whether lines of `level` are written (pino's `isLevelEnabled`). When present, the core builds the fields
   * of a line only if it will be written; without it every line is built and handed over.
   */
  isLevelEnabled?(level: LogLevel): boolean;
}

/** The levels of {@link Logger}, by method name. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Whether `logger` writes lines of `level` (true when it cannot say).
 *
 * @example
 * ```ts
 * if (logs(logger, 'info')) logger.info({ model, version }, 'webhook received');
 * ```
 */
export function logs(logger: Logger, level: LogLevel): boolean {
  return logger.isLevelEnabled ? logger.isLevelEnabled(level) : true;
}

/**
 * A logger that drops everything (the default).
 *
 * @example
 * ```ts
 * createWebhookHandler({ ...deps, logger: silentLogger });
 * ```
 */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, isLevelEnabled: () => false };
