import { z } from 'zod';

// Only what the SDK uses; upstream is loose, so most fields are nullish.
const tag = z.object({ key: z.string(), value: z.string().nullish() });

export const modelVersionSchema = z.object({
  name: z.string(),
  version: z.union([z.string(), z.number()]).transform(String),
  source: z.string().nullish(),
  run_id: z.string().nullish(),
  status: z.string().nullish(),
  tags: z.array(tag).nullish(),
  aliases: z.array(z.string()).nullish(),
  description: z.string().nullish(),
});

export const getModelVersionResponse = z.object({ model_version: modelVersionSchema });
export const downloadUriResponse = z.object({ artifact_uri: z.string().nullish() });
export const getRunResponse = z.object({
  run: z.object({
    info: z.object({ run_id: z.string().nullish(), experiment_id: z.string().nullish(), artifact_uri: z.string().nullish() }),
  }),
});
export const searchResponse = z.object({ model_versions: z.array(modelVersionSchema).nullish(), next_page_token: z.string().nullish() });
export const errorBody = z.object({ error_code: z.string().nullish(), message: z.string().nullish() }).partial();

const aliasEntry = z.object({ alias: z.string(), version: z.union([z.string(), z.number()]).transform(String) });
const registeredModel = z.object({
  name: z.string(),
  aliases: z.array(aliasEntry).nullish(),
  tags: z.array(tag).nullish(),
  description: z.string().nullish(),
});
export const getRegisteredModelResponse = z.object({ registered_model: registeredModel });
export const registeredModelsPage = z.object({
  registered_models: z.array(registeredModel).nullish(),
  next_page_token: z.string().nullish(),
});

const webhook = z.object({
  webhook_id: z.string(),
  name: z.string().nullish(),
  url: z.string().nullish(),
  events: z.array(z.object({ entity: z.string(), action: z.string() })).nullish(),
  status: z.string().nullish(),
});
export const webhookResponse = z.object({ webhook });
export const webhooksPage = z.object({ webhooks: z.array(webhook).nullish(), next_page_token: z.string().nullish() });
export const webhookTestResponse = z.object({
  result: z.object({
    success: z.boolean().nullish(),
    response_status: z.number().nullish(),
    response_body: z.string().nullish(),
    error_message: z.string().nullish(),
  }),
});
