/** The header names MLflow puts on every webhook delivery (compared case-insensitively). */
export const MlflowHeaders = {
  signature: 'x-mlflow-signature',
  deliveryId: 'x-mlflow-delivery-id',
  timestamp: 'x-mlflow-timestamp',
} as const;
