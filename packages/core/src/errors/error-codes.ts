/**
 * Every failure this SDK reports carries one of these codes.
 *
 * @example
 * ```ts
 * if (err.code === ErrorCode.SignatureInvalid) console.warn('rejected delivery');
 * ```
 */
export const ErrorCode = {
  /** Signature, delivery headers or timestamp did not verify. */
  SignatureInvalid: 'signature_invalid',
  /** The body is not JSON, or not a shape MLflow sends. */
  BadRequest: 'bad_request',
  /** The request is not `application/json`. */
  UnsupportedMediaType: 'unsupported_media_type',
  /** The body is larger than the configured limit. */
  PayloadTooLarge: 'payload_too_large',
  /** An admin route was called without the admin token. */
  Unauthorized: 'unauthorized',
  /** The route exists but not for this HTTP method. */
  MethodNotAllowed: 'method_not_allowed',
  /** No such route. */
  NotFound: 'not_found',
  /** An InferenceService of that name exists and belongs to someone else. */
  NameConflict: 'name_conflict',
  /** The model version's artifacts live at a URI KServe cannot pull. */
  StorageUriUnusable: 'storage_uri_unusable',
  /** A model's override tags ask for something invalid or beyond what the operator allows. */
  InvalidOverride: 'invalid_override',
  /** The preflight found that KServe could not serve the model as the InferenceService asks (e.g. no `MLmodel`). */
  PreflightFailed: 'preflight_failed',
  /** The InferenceService template is broken or renders something unsafe. */
  InvalidTemplate: 'invalid_template',
  /** The Kubernetes API failed or refused the request. */
  KubernetesError: 'kubernetes_error',
  /** The MLflow REST API failed, timed out or refused the request. */
  MlflowError: 'mlflow_error',
  /** The configuration is invalid. */
  ConfigInvalid: 'config_invalid',
  /** The Git target's repository could not be read or pushed to (unreachable, credentials, a protected branch). */
  GitError: 'git_error',
  /** The rollout analysis' metrics source (Prometheus) failed. */
  AnalysisError: 'analysis_error',
  /** Anything unexpected; a bug. */
  Internal: 'internal',
} as const;

/** One of the values of {@link ErrorCode}. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
