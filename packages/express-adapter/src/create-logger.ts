import type { Logger } from '@mlflow-kserve/core';
import { pino, type DestinationStream } from 'pino';

const levels = { DEBUG: 'debug', INFO: 'info', WARNING: 'warn', ERROR: 'error' } as const;

/**
 * A structured JSON logger (pino) at the configured level, with secret-bearing fields redacted as a
 * second line of defence (the core never logs them).
 *
 * @example
 * ```ts
 * const logger = createLogger('INFO');
 * ```
 */
export function createLogger(level: keyof typeof levels, destination?: DestinationStream): Logger {
  return pino(
    {
      level: levels[level],
      base: { service: 'mlflow-kserve' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [
          'secret',
          '*.secret',
          'password',
          '*.password',
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers["x-mlflow-signature"]',
        ],
        censor: '***',
      },
    },
    destination,
  ) as unknown as Logger;
}
