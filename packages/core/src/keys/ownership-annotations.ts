/** Label and annotations that mark an InferenceService as managed by mlflow-kserve, and for which key. */
export const Ownership = {
  label: 'managed-by',
  labelValue: 'mlflow-kserve',
  selector: 'managed-by=mlflow-kserve',
  modelAnnotation: 'mlflow-kserve.io/model-name',
  /** The version served (for an alias service: the version the alias pointed to when it was written). */
  versionAnnotation: 'mlflow-kserve.io/model-version',
  /** Present on alias services only: the alias the service follows. */
  aliasAnnotation: 'mlflow-kserve.io/model-alias',
} as const;
