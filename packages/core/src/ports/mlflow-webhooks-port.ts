/** An event a webhook subscribes to, in MLflow's REST spelling (`MODEL_VERSION_TAG`, `SET`). */
export interface WebhookEventSpec {
  entity: string;
  action: string;
}

/** An MLflow webhook as the REST API describes it (MLflow never returns the secret). */
export interface MlflowWebhook {
  id: string;
  name: string;
  url: string;
  events: WebhookEventSpec[];
  status: string;
}

/** A webhook as this SDK writes it: name, URL, events, secret, and status ACTIVE. */
export interface WebhookSpec {
  name: string;
  url: string;
  events: WebhookEventSpec[];
  secret: string;
  status: 'ACTIVE';
}

/** What MLflow's "test webhook" reports: the listener's answer to an example delivery. */
export interface WebhookTestResult {
  success: boolean;
  responseStatus: number | undefined;
  responseBody: string | undefined;
  errorMessage: string | undefined;
}

/**
 * MLflow's webhook registry (`/api/2.0/mlflow/webhooks`), for `mlflow-kserve webhook ensure|test|list`.
 * Implemented by `RestMlflowClient` and the in-memory fake.
 *
 * @example
 * ```ts
 * const hooks = await mlflow.listWebhooks();
 * ```
 */
export interface MlflowWebhooksPort {
  listWebhooks(): Promise<MlflowWebhook[]>;
  createWebhook(webhook: {
    name: string;
    url: string;
    events: WebhookEventSpec[];
    secret: string;
    status: 'ACTIVE';
  }): Promise<MlflowWebhook>;
  updateWebhook(
    id: string,
    changes: { name: string; url: string; events: WebhookEventSpec[]; secret: string; status: 'ACTIVE' },
  ): Promise<MlflowWebhook>;
  testWebhook(id: string): Promise<WebhookTestResult>;
}
