import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { defaultTemplate } from './default-template.js';
import { renderManifest } from './render-manifest.js';
import { templateValuesFor } from './template-values-for.js';

const resources = { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '512Mi', memoryLimit: '2Gi' };
const values = (modelName = 'iris-classifier', overrides: Partial<Parameters<typeof templateValuesFor>[0]> = {}) =>
  templateValuesFor({
    name: 'mlflow-iris-classifier-v3',
    namespace: 'kserve-mlflow-models',
    modelName,
    modelVersion: '3',
    storageUri: 's3://bucket/models/iris',
    runId: '487892dfbe01444bbe535773ee32b14c',
    experimentId: '1',
    resources,
    ...overrides,
  });

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (MlflowKserveError.isInstance(err)) return err.code;
    throw err;
  }
  return 'no error';
}

describe('renderManifest', () => {
  it('default template → the spec InferenceService with ownership labels, annotations and resources', () => {
    const { object } = renderManifest(defaultTemplate, values());
    expect(object).toEqual({
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: {
        name: 'mlflow-iris-classifier-v3',
        namespace: 'kserve-mlflow-models',
        labels: {
          'managed-by': 'mlflow-kserve',
          'mlflow.model': 'iris-classifier',
          'mlflow.version': '3',
          'mlflow.run-id': '487892dfbe01444bbe535773ee32b14c',
        },
        annotations: {
          'mlflow-kserve.io/model-name': 'iris-classifier',
          'mlflow-kserve.io/model-version': '3',
          'mlflow-kserve.io/run-id': '487892dfbe01444bbe535773ee32b14c',
          'mlflow-kserve.io/experiment-id': '1',
        },
      },
      spec: {
        predictor: {
          model: {
            modelFormat: { name: 'mlflow' },
            protocolVersion: 'v2',
            storageUri: 's3://bucket/models/iris',
            resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
          },
        },
      },
    });
  });

  it('yaml output → parses back to the same object', () => {
    const { object, yaml } = renderManifest(defaultTemplate, values());
    const docs = parseAllDocuments(yaml);
    expect(Array.isArray(docs) && docs.length).toBe(1);
    expect((docs as ReturnType<typeof parseAllDocuments> & unknown[])[0]!.toJS()).toEqual(object);
  });

  it('spec-style quoted template ("{{name}}") → same result as unquoted', () => {
    const quoted = defaultTemplate.replace(/(\{\{\w+\}\})/g, '"$1"');
    expect(renderManifest(quoted, values()).object).toEqual(renderManifest(defaultTemplate, values()).object);
  });

  it('value inside a longer string ("{{storage_uri}}/model") → concatenated', () => {
    const template = defaultTemplate.replace('storageUri: {{storage_uri}}', 'storageUri: "{{storage_uri}}/model"');
    const { object } = renderManifest(template, values());
    expect((object.spec as any).predictor.model.storageUri).toBe('s3://bucket/models/iris/model');
  });

  it.each([
    ['quotes and a colon', 'evil": x\n  injected: "yes'],
    ['a new document', 'x\n---\napiVersion: v1\nkind: Secret'],
    ['a comment', 'model # comment'],
    ['handlebars', '{{name}} {{{namespace}}}'],
    ['YAML flow syntax', '{a: 1, b: [2]}'],
    ['unicode', 'модель 模型 🚀'],
    ['an anchor and alias', '&a x *a'],
    ['10,000 characters', 'x'.repeat(10_000)],
  ])('model name with %s → kept verbatim, structure unchanged', (_label, hostile) => {
    const { object } = renderManifest(defaultTemplate, values(hostile));
    expect(object.metadata.annotations!['mlflow-kserve.io/model-name']).toBe(hostile);
    expect(Object.keys(object)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(object.metadata.annotations!)).toHaveLength(4);
    expect(object.metadata.labels!['mlflow.model']).toMatch(/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/);
  });

  it('property: any string values → one InferenceService, values verbatim, same keys', () => {
    const reference = renderManifest(defaultTemplate, values());
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 100 }), fc.string({ maxLength: 100 }), (model, storage, run) => {
        const { object } = renderManifest(defaultTemplate, values(model, { storageUri: storage, runId: run }));
        expect(object.metadata.annotations!['mlflow-kserve.io/model-name']).toBe(model);
        expect((object.spec as any).predictor.model.storageUri).toBe(storage);
        expect(Object.keys(object.metadata.labels!)).toEqual(Object.keys(reference.object.metadata.labels!));
      }),
      { numRuns: 500 },
    );
  });

  // runtimeProblems skips rendering the built-in template at startup because of this property.
  it('property: default template with any values empty or set → one InferenceService', () => {
    const keys = Object.keys(values()).filter((key) => key !== 'name' && key !== 'namespace') as (keyof ReturnType<typeof values>)[];
    fc.assert(
      fc.property(fc.subarray(keys), fc.string({ minLength: 1, maxLength: 20 }), (empty, text) => {
        const input = { ...values() };
        for (const key of keys) input[key] = empty.includes(key) ? '' : `${key}-${text}`;
        const { object } = renderManifest(defaultTemplate, input);
        expect(object.metadata.name).toBe(input.name);
        expect((object.spec as any).predictor.model.storageUri).toBe(input.storage_uri);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    [
      'an unknown variable',
      defaultTemplate.replace('{{storage_uri}}', '{{storage_url}}'),
      /unknown variable \{\{storage_url\}\} at line \d+, column \d+\.\nAvailable variables: name, /,
    ],
    ['two documents', `${defaultTemplate}---\n${defaultTemplate}`, /exactly one YAML document/],
    ['a wrong kind', defaultTemplate.replace('kind: InferenceService', 'kind: Deployment'), /kind must be InferenceService/],
    ['a wrong apiVersion', defaultTemplate.replace('serving.kserve.io/v1beta1', 'serving.kserve.io/v1alpha1'), /apiVersion/],
    ['a fixed name', defaultTemplate.replace('name: {{name}}', 'name: fixed'), /metadata.name/],
    ['a fixed namespace', defaultTemplate.replace('namespace: {{namespace}}', 'namespace: default'), /metadata.namespace/],
    ['broken YAML', 'apiVersion: [', /YAML does not parse|exactly one|mapping/],
    ['a numeric label', defaultTemplate.replace('managed-by: mlflow-kserve', 'priority: 1'), /labels.priority must be a string/],
    ['broken handlebars', '{{#if name}}', /Invalid InferenceService template/],
  ])('template with %s → invalid_template', (_label, template, message) => {
    expect(codeOf(() => renderManifest(template, values()))).toBe('invalid_template');
    expect(() => renderManifest(template, values())).toThrow(message);
  });

  it('{{#if run_id}} with empty run id → branch skipped', () => {
    const template = defaultTemplate.replace(
      '    mlflow-kserve.io/run-id: {{run_id}}\n',
      '{{#if run_id}}    mlflow-kserve.io/run-id: {{run_id}}\n{{/if}}',
    );
    const { object } = renderManifest(template, values('m', { runId: undefined }));
    expect(object.metadata.annotations).not.toHaveProperty('mlflow-kserve.io/run-id');
  });

  const withSpec = (spec: string) => `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: {{name}}
  namespace: {{namespace}}
spec:
${spec}`;

  it('a shell line with "{{model_name}}" inside a block scalar → the quotes stay around the value', () => {
    const template = withSpec(`  predictor:
    containers:
      - name: kserve-container
        command: ["sh", "-c"]
        args:
          - |
            exec serve --name "{{model_name}}" --port 8080
`);
    const { object } = renderManifest(template, values('iris; touch /tmp/x'));
    expect((object.spec as any).predictor.containers[0].args[0]).toBe('exec serve --name "iris; touch /tmp/x" --port 8080\n');
  });

  it("a description with '{{model_name}}' inside double quotes → rendered with its quotes", () => {
    const template = withSpec(`  description: "model '{{model_name}}' version {{model_version}}"\n  predictor: {}\n`);
    expect((renderManifest(template, values('iris')).object.spec as any).description).toBe("model 'iris' version 3");
  });

  it('a flow mapping {cpu: "{{predictor_cpu_limit}}"} → renders', () => {
    const template = withSpec(`  predictor:\n    model:\n      resources: {limits: {cpu: "{{predictor_cpu_limit}}"}}\n`);
    expect((renderManifest(template, values()).object.spec as any).predictor.model.resources).toEqual({ limits: { cpu: '1' } });
  });

  it('a Handlebars syntax error → the whole message with its line, not a truncated first line', () => {
    const template = withSpec('  predictor:\n    model:\n      storageUri: {{storage_uri}\n');
    const error = (() => {
      try {
        renderManifest(template, values());
      } catch (e) {
        return e as Error;
      }
      throw new Error('no error');
    })();
    expect(error.message).toMatch(/Parse error on line 9:\n.*\{\{storage_uri\}\n.*-\^\n.*Expecting/);
    expect(error.message).toContain('Available variables:');
  });

  it('a YAML error → line and column', () => {
    const template = withSpec('  predictor:\n    model: {a: 1\n');
    expect(() => renderManifest(template, values())).toThrow(/YAML does not parse at line \d+, column \d+/);
  });

  it('property: "prefix {{model_name}} suffix" renders to exactly prefix <value> suffix, quoted either way', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.constantFrom('"', "'"), (value, quote) => {
        const template = withSpec(`  description: ${quote}prefix {{model_name}} suffix${quote}\n  predictor: {}\n`);
        expect((renderManifest(template, values(value)).object.spec as any).description).toBe(`prefix ${value} suffix`);
      }),
      { numRuns: 300 },
    );
  });
});
