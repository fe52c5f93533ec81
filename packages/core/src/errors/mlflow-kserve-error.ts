import type { ErrorCode } from './error-codes.js';

/** Options of {@link MlflowKserveError}. */
export interface MlflowKserveErrorOptions {
  /** The underlying error, kept for logs; never sent in a response. */
  cause?: unknown;
  /** Whether trying the same thing again may succeed. Defaults by code. */
  retryable?: boolean;
  /** Safe, structured detail (never secrets). */
  details?: Record<string, unknown>;
}

const retryableByDefault = new Set<ErrorCode>(['kubernetes_error', 'mlflow_error', 'git_error', 'internal']);

/**
 * The single error type of mlflow-kserve: a closed set of codes, a cause, and whether a retry may help.
 * Messages say what failed and what to do; they never contain secrets.
 *
 * @example
 * ```ts
 * try { renderManifest(template, values); }
 * catch (err) {
 *   if (MlflowKserveError.isInstance(err) && err.code === 'invalid_template') console.error(err.message);
 * }
 * ```
 */
export class MlflowKserveError extends Error {
  override readonly name = 'MlflowKserveError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: MlflowKserveErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? retryableByDefault.has(code);
    this.details = options.details ?? {};
  }

  /** True for any MlflowKserveError, even one from another copy of this package. */
  static isInstance(value: unknown): value is MlflowKserveError {
    return (
      value instanceof Error &&
      (value as { name?: unknown }).name === 'MlflowKserveError' &&
      typeof (value as { code?: unknown }).code === 'string'
    );
  }
}
