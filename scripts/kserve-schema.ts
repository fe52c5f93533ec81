import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { templateValuesFor } from '@mlflow-kserve/core';
import { kserveCrdPath as crdPath } from '../test/fixtures.js';

/** KServe's full InferenceService CRD, kept in the repository (test/fixtures/README.md says where from). */
export function kserveCrdPath(): string {
  return crdPath;
}

type Schema = Record<string, unknown>;

// Make the structural schema behave like `fieldValidation: Strict`: an undeclared field is an error
// (Kubernetes would otherwise prune it silently), except where the CRD preserves unknown fields.
function strict(schema: Schema): Schema {
  const copy: Schema = { ...schema };
  if (copy['properties'] && typeof copy['properties'] === 'object') {
    copy['properties'] = Object.fromEntries(Object.entries(copy['properties'] as Record<string, Schema>).map(([k, v]) => [k, strict(v)]));
    if (!copy['x-kubernetes-preserve-unknown-fields'] && copy['additionalProperties'] === undefined) copy['additionalProperties'] = false;
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    if (copy[key] && typeof copy[key] === 'object') copy[key] = strict(copy[key] as Schema);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(copy[key])) copy[key] = (copy[key] as Schema[]).map(strict);
  }
  return copy;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One value with every key that any of `values` has (objects merged deeply, arrays concatenated). */
function mergeShapes(values: unknown[]): unknown {
  const objects = values.filter(isObject);
  if (objects.length > 0) {
    const keys = new Set(objects.flatMap((o) => Object.keys(o)));
    return Object.fromEntries([...keys].map((k) => [k, mergeShapes(objects.map((o) => o[k]).filter((v) => v !== undefined))]));
  }
  const arrays = values.filter(Array.isArray);
  if (arrays.length > 0) return arrays.flat();
  return values[0];
}

// The schema cut down to the paths `data` has. Validating `data` against it gives the same answer as against
// the whole schema (required lists and additionalProperties: false are kept), but compiles in milliseconds
// instead of the ~14 s ajv needs for KServe's 1.9 MB schema.
function prune(schema: Schema, data: unknown): Schema {
  const copy: Schema = { ...schema };
  if (isObject(copy['properties'])) {
    const present = isObject(data) ? data : {};
    copy['properties'] = Object.fromEntries(
      Object.entries(copy['properties'] as Record<string, Schema>)
        .filter(([k]) => k in present)
        .map(([k, v]) => [k, prune(v, present[k])]),
    );
  }
  if (isObject(copy['additionalProperties'])) {
    copy['additionalProperties'] = prune(copy['additionalProperties'] as Schema, mergeShapes(isObject(data) ? Object.values(data) : []));
  }
  if (isObject(copy['items'])) copy['items'] = prune(copy['items'] as Schema, mergeShapes(Array.isArray(data) ? data : []));
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(copy[key])) copy[key] = (copy[key] as Schema[]).map((branch) => prune(branch, data));
  }
  return copy;
}

let strictSchema: Schema | undefined;

/**
 * A validator for `serving.kserve.io/v1beta1` InferenceServices from KServe's full CRD, with unknown
 * fields rejected as the API server does under strict field validation. `metadata` is checked by the API
 * server itself, not by the CRD schema. Each call compiles the schema cut down to the object's own paths.
 */
export function inferenceServiceValidator(): ValidateFunction {
  if (!strictSchema) {
    const crd = parse(readFileSync(kserveCrdPath(), 'utf8')) as {
      spec: { versions: { name: string; schema: { openAPIV3Schema: Schema } }[] };
    };
    const version = crd.spec.versions.find((v) => v.name === 'v1beta1');
    if (!version) throw new Error('The CRD has no v1beta1 version.');
    strictSchema = strict(version.schema.openAPIV3Schema);
  }
  const full = strictSchema;
  // Formats (int32, int64, …) are the API server's business; ajv would only warn about each one.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
  const validate = ((data: unknown) => {
    const compiled = ajv.compile(prune(full, data));
    const ok = compiled(data);
    validate.errors = compiled.errors;
    return ok;
  }) as ValidateFunction;
  return validate;
}

/**
 * Template values of a typical model version (iris-classifier 3 in kserve-mlflow-models), for rendering templates in checks.
 *
 * @example
 * ```ts
 * renderManifest(template, sampleTemplateValues({ overrides: { runtime: 'kserve-mlserver' } }));
 * ```
 */
export function sampleTemplateValues(extra: Partial<Parameters<typeof templateValuesFor>[0]> = {}) {
  return templateValuesFor({
    name: 'mlflow-iris-classifier-v3',
    namespace: 'kserve-mlflow-models',
    modelName: 'iris-classifier',
    modelVersion: '3',
    storageUri: 's3://mlflow-artifacts/1/models/m-0123/artifacts',
    resources: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '512Mi', memoryLimit: '2Gi' },
    ...extra,
  });
}
