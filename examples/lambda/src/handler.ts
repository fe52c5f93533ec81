import { createLambdaHandler } from '@mlflow-kserve/lambda';

/**
 * The whole Lambda function. Configure it with MLFLOW_KSERVE_* environment variables; the function needs
 * network access to MLflow and to the cluster's API server, and a kubeconfig (MLFLOW_KSERVE_KUBE_IN_CLUSTER=false,
 * MLFLOW_KSERVE_KUBE_CONFIG=/opt/kubeconfig from a layer or secret), or MLFLOW_KSERVE_KUBE_TARGET=dir:/tmp/manifests.
 */
export const handler = createLambdaHandler();
