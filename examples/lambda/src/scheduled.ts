import { createScheduledHandler } from '@mlflow-kserve/lambda';

// The background work a Lambda cannot run between invocations, on a schedule (template.yaml: every 10
// minutes): one reconcile and one status pass, configured by the same MLFLOW_KSERVE_* variables.
export const handler = createScheduledHandler();
