import Handlebars from 'handlebars';
import { isMap, parseAllDocuments } from 'yaml';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { InferenceServiceManifest } from './inference-service-manifest.js';
import type { TemplateValues } from './template-values.js';
import { toYaml } from './to-yaml.js';

/** Result of {@link renderManifest}. */
export interface RenderedManifest {
  object: InferenceServiceManifest;
  yaml: string;
}

const handlebars = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();
const tokenPrefix = 'mlksvalue';
const emptyPrefix = 'mlksvalueempty';
const emptyToken = new RegExp(`^${emptyPrefix}\\d+x$`);

// Placeholders of empty values must stay falsy for {{#if}} / {{#unless}}.
for (const name of ['if', 'unless'] as const) {
  const original = handlebars.helpers[name] as (this: unknown, value: unknown, options: unknown) => unknown;
  handlebars.registerHelper(name, function (this: unknown, value: unknown, options: unknown) {
    return original.call(this, typeof value === 'string' && emptyToken.test(value) ? '' : value, options);
  });
}

function invalid(message: string, cause?: unknown): MlflowKserveError {
  return new MlflowKserveError('invalid_template', `Invalid InferenceService template: ${message}`, { cause, retryable: false });
}

function compile(template: string): HandlebarsTemplateDelegate {
  let fn = compiled.get(template);
  if (!fn) {
    // The template text is compiled as written: quotes around an expression stay. A quoted scalar that is
    // exactly one expression ("{{name}}") parses to the placeholder alone, so it means the same as {{name}};
    // text around an expression (a shell line, a description) keeps its own quoting.
    fn = handlebars.compile(template, { strict: true, noEscape: true });
    if (compiled.size > 50) compiled.clear();
    compiled.set(template, fn);
  }
  return fn;
}

/**
 * A template rendered with placeholders, parsed once and compiled into a plan: constant leaves are kept,
 * strings holding placeholders become lists of literal parts and value indexes.
 */
type Plan =
  | { kind: 'constant'; value: unknown }
  | { kind: 'text'; parts: (string | number)[] }
  | { kind: 'array'; items: Plan[] }
  | { kind: 'object'; entries: [Plan, Plan][] };

const parsedCache = new Map<string, Map<string, Plan>>();
const tokenPattern = new RegExp(`${tokenPrefix}(?:empty)?(\\d+)x`, 'g');

function parseTemplate(template: string, context: Record<string, string>, keys: string[]): Plan {
  let text: string;
  try {
    text = compile(template)(context);
  } catch (cause) {
    throw invalid(`${describeHandlebarsError(cause, context)}\nAvailable variables: ${keys.join(', ')}.`, cause);
  }
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents) || documents.length !== 1) {
    throw invalid(`expected exactly one YAML document, found ${Array.isArray(documents) ? documents.length : 'none'}.`);
  }
  const doc = documents[0]!;
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const where = error.linePos?.[0] ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
    throw invalid(`YAML does not parse${where}: ${hidePlaceholders(error.message, context)}`);
  }
  if (!isMap(doc.contents)) throw invalid('the document must be a mapping.');
  return plan(doc.toJS({ maxAliasCount: 50 }));
}

/** Handlebars' message in full (its "Parse error on line N:" is followed by the line and a marker). */
function describeHandlebarsError(cause: unknown, context: Record<string, string>): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  // Strict mode's own wording ('"x" not defined in [object Object] - 12:8') says little: name the variable.
  const unknown = /^"([^"]+)" not defined in \[object Object\](?: - (\d+):(\d+))?/.exec(message);
  if (unknown) return `unknown variable {{${unknown[1]}}}${unknown[2] ? ` at line ${unknown[2]}, column ${Number(unknown[3]) + 1}` : ''}.`;
  return hidePlaceholders(message.trim(), context).replace(/\n/g, '\n    ');
}

/** Shows `{{name}}` where a message quotes rendered placeholder text. */
function hidePlaceholders(message: string, context: Record<string, string>): string {
  let out = message;
  for (const [key, token] of Object.entries(context)) out = out.split(token).join(`{{${key}}}`);
  return out;
}

function plan(node: unknown): Plan {
  if (typeof node === 'string') {
    if (!node.includes(tokenPrefix)) return { kind: 'constant', value: node };
    const parts: (string | number)[] = [];
    let last = 0;
    for (const match of node.matchAll(tokenPattern)) {
      if (match.index > last) parts.push(node.slice(last, match.index));
      parts.push(Number(match[1]));
      last = match.index + match[0].length;
    }
    if (last < node.length) parts.push(node.slice(last));
    return { kind: 'text', parts };
  }
  if (Array.isArray(node)) return { kind: 'array', items: node.map(plan) };
  if (node !== null && typeof node === 'object')
    return { kind: 'object', entries: Object.entries(node).map(([k, v]) => [plan(k), plan(v)]) };
  return { kind: 'constant', value: node };
}

function fill(p: Plan, values: string[]): unknown {
  switch (p.kind) {
    case 'constant':
      return p.value;
    case 'text': {
      let out = '';
      for (const part of p.parts) out += typeof part === 'number' ? values[part]! : part;
      return out;
    }
    case 'array':
      return p.items.map((item) => fill(item, values));
    default: {
      const out: Record<string, unknown> = {};
      for (const [key, value] of p.entries) out[fill(key, values) as string] = fill(value, values);
      return out;
    }
  }
}

/**
 * Renders an InferenceService from a Handlebars template. Values never touch the YAML text: the template
 * is rendered with opaque placeholders, parsed, and the values are put into the parsed strings — so no
 * value (quotes, newlines, `: `, `#`, `---`, `{{`, any length) can add keys, documents or change structure.
 * The result must be exactly one `serving.kserve.io/v1beta1` `InferenceService` whose name and namespace
 * are the computed ones. The parsed placeholder document is cached per template, so repeated renders cost
 * a copy, not a YAML parse; `yaml` is serialized on first access.
 *
 * @throws MlflowKserveError `invalid_template` (→ HTTP 500) naming what is wrong.
 * @example
 * ```ts
 * const { object, yaml } = renderManifest(defaultTemplate, values);
 * object.metadata.name; // values.name
 * ```
 */
export function renderManifest(template: string, values: TemplateValues): RenderedManifest {
  const keys = Object.keys(values) as (keyof TemplateValues)[];
  const ordered: string[] = [];
  let shape = '';
  for (const key of keys) {
    const value = values[key];
    ordered.push(value);
    shape += value === '' ? `${key}:0,` : `${key}:1,`;
  }
  // The placeholder text depends only on the template, the keys and which values are empty.
  let byShape = parsedCache.get(template);
  if (!byShape) {
    if (parsedCache.size > 20) parsedCache.clear();
    byShape = new Map();
    parsedCache.set(template, byShape);
  }
  let compiledPlan = byShape.get(shape);
  if (!compiledPlan) {
    const context: Record<string, string> = {};
    keys.forEach((key, i) => {
      context[key] = `${values[key] === '' ? emptyPrefix : tokenPrefix}${i}x`;
    });
    compiledPlan = parseTemplate(template, context, keys);
    byShape.set(shape, compiledPlan);
  }
  const object = fill(compiledPlan, ordered) as InferenceServiceManifest;
  coerceIntegers(object);
  checkShape(object, values);
  let yaml: string | undefined;
  return {
    object,
    get yaml() {
      yaml ??= toYaml(object);
      return yaml;
    },
  };
}

/** KServe fields that are integers: a template can only produce strings, so digits there become numbers. */
const integerFields = ['minReplicas', 'maxReplicas', 'canaryTrafficPercent', 'scaleTarget', 'containerConcurrency', 'timeout'] as const;

function coerceIntegers(object: InferenceServiceManifest): void {
  const spec = object.spec as Record<string, unknown> | undefined;
  for (const component of ['predictor', 'transformer', 'explainer']) {
    const c = spec?.[component] as Record<string, unknown> | undefined;
    if (!c || typeof c !== 'object') continue;
    for (const field of integerFields) if (typeof c[field] === 'string' && /^\d+$/.test(c[field] as string)) c[field] = Number(c[field]);
  }
}

function checkShape(object: InferenceServiceManifest, values: TemplateValues): void {
  if (object.apiVersion !== 'serving.kserve.io/v1beta1')
    throw invalid(`apiVersion must be serving.kserve.io/v1beta1, got ${JSON.stringify(object.apiVersion)}.`);
  if (object.kind !== 'InferenceService') throw invalid(`kind must be InferenceService, got ${JSON.stringify(object.kind)}.`);
  const metadata = object.metadata as unknown;
  if (typeof metadata !== 'object' || metadata === null) throw invalid('metadata is missing.');
  if (object.metadata.name !== values.name)
    throw invalid(`metadata.name must be {{name}} (${values.name}), got ${JSON.stringify(object.metadata.name)}.`);
  if (object.metadata.namespace !== values.namespace) {
    throw invalid(`metadata.namespace must be {{namespace}} (${values.namespace}), got ${JSON.stringify(object.metadata.namespace)}.`);
  }
  for (const field of ['labels', 'annotations'] as const) {
    const map = object.metadata[field] as unknown;
    if (map === undefined) continue;
    if (typeof map !== 'object' || map === null || Array.isArray(map)) throw invalid(`metadata.${field} must be a mapping.`);
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== 'string')
        throw invalid(`metadata.${field}.${k} must be a string, got ${JSON.stringify(v)} (quote it in the template).`);
    }
  }
  if (typeof object.spec !== 'object' || object.spec === null) throw invalid('spec is missing.');
}
