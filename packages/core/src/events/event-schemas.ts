import { z } from 'zod';

// Liberal in what we accept: versions may arrive as numbers (legacy senders), tags as an object (MLflow)
// or as a [{key, value}] list; unknown keys are allowed everywhere.
const text = z.string().min(1);
const version = z.union([z.string().regex(/^\S+$/), z.number().int().nonnegative()]).transform(String);
const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));
const tags = z
  .union([
    z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)),
    z
      .array(z.object({ key: z.string(), value: z.union([z.string(), z.number(), z.boolean()]).nullish() }))
      .transform((list) => Object.fromEntries(list.map((t) => [t.key, t.value === null || t.value === undefined ? '' : String(t.value)]))),
  ])
  .nullish()
  .transform((v) => v ?? {});

export const dataSchemas = {
  'model_version_tag.set': z.object({
    name: text,
    version,
    key: text,
    value: z
      .union([z.string(), z.number(), z.boolean()])
      .nullish()
      .transform((v) => (v === null || v === undefined ? '' : String(v))),
    run_id: optionalText,
    experiment_id: optionalText,
  }),
  'model_version_tag.deleted': z.object({ name: text, version, key: text }),
  'model_version.created': z.object({ name: text, version, source: optionalText, run_id: optionalText, tags }),
  'model_version_alias.created': z.object({ name: text, alias: text, version }),
  'model_version_alias.deleted': z.object({ name: text, alias: text }),
  'registered_model.created': z.object({ name: text, tags }),
} as const;
