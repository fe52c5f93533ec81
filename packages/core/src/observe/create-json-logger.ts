import type { Logger, LogLevel } from './logger.js';

const order = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40 } as const;
const byMethod: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A dependency-free structured logger: one JSON object per line on stdout (what Lambda/CloudWatch and
 * most log shippers expect), with child bindings such as the delivery id.
 *
 * @example
 * ```ts
 * const logger = createJsonLogger('INFO');
 * logger.child?.({ delivery_id: id }).info({ action: 'created' }, 'webhook processed');
 * ```
 */
export function createJsonLogger(
  level: keyof typeof order,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  bindings: Record<string, unknown> = {},
): Logger {
  const threshold = order[level];
  const emit = (lvl: keyof typeof order, name: string) => (fields: Record<string, unknown>, msg: string) => {
    if (order[lvl] < threshold) return;
    write(JSON.stringify({ level: name, time: new Date().toISOString(), service: 'mlflow-kserve', ...bindings, ...fields, msg }));
  };
  return {
    debug: emit('DEBUG', 'debug'),
    info: emit('INFO', 'info'),
    warn: emit('WARNING', 'warn'),
    error: emit('ERROR', 'error'),
    child: (more) => createJsonLogger(level, write, { ...bindings, ...more }),
    isLevelEnabled: (method) => byMethod[method] >= threshold,
  };
}
