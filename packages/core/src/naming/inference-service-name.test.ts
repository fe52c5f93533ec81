import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferenceServiceName, maxNameLength } from './inference-service-name.js';
import { labelValue } from './label-value.js';
import { sanitizeName } from './sanitize-name.js';

const kserveName = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const labelPattern = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const ns = 'kserve-mlflow-models';

describe('inferenceServiceName', () => {
  it('("iris-classifier", "3") → mlflow-iris-classifier-v3 (unchanged, no hash)', () => {
    expect(inferenceServiceName('iris-classifier', '3', { namespace: ns })).toBe('mlflow-iris-classifier-v3');
  });

  it('("Iris_Classifier", "3") → sanitized name, the version, then a hash; distinct from iris-classifier', () => {
    const name = inferenceServiceName('Iris_Classifier', '3', { namespace: ns });
    expect(name).toMatch(/^mlflow-iris-classifier-v3-[0-9a-f]{6}$/);
  });

  it('("fraud_detector", "3") → mlflow-fraud-detector-v3-b8510d (snake_case keeps its version readable)', () => {
    expect(inferenceServiceName('fraud_detector', '3', { namespace: ns })).toBe('mlflow-fraud-detector-v3-b8510d');
    expect(inferenceServiceName('fraud-detector', '3', { namespace: ns })).toBe('mlflow-fraud-detector-v3');
  });

  it('a long model name → the model part cut to fit the namespace, -v12 kept, a hash', () => {
    const name = inferenceServiceName('a'.repeat(200), '12', { namespace: ns });
    expect(name.length).toBeLessThanOrEqual(maxNameLength(ns));
    expect(name).toMatch(/^mlflow-a+-v12-[0-9a-f]{6}$/);
  });

  it('a namespace that leaves room for the hash only → name ends in the hash, still valid', () => {
    const namespace = 'n'.repeat(43); // 9 characters left for the name
    const name = inferenceServiceName('fraud_detector', '12345', { namespace });
    expect(name.length).toBeLessThanOrEqual(maxNameLength(namespace));
    expect(name).toMatch(/^[a-z]+-[0-9a-f]{6}$/);
  });

  it('property: numeric version and a model that fits → -v<version> readable in the name', () => {
    const models = fc.string({ unit: fc.constantFrom('a', 'B', '_', '-', '.', ' ', '1'), minLength: 1, maxLength: 14 });
    fc.assert(
      fc.property(models, fc.integer({ min: 1, max: 99_999 }), (model, version) => {
        const name = inferenceServiceName(model, String(version), { namespace: ns });
        expect(name).toMatch(new RegExp(`-v${version}(-[0-9a-f]{6})?$`));
      }),
      { numRuns: 1000 },
    );
  });

  it('("a-v1", "2") and ("a", "1-v2") → different names', () => {
    expect(inferenceServiceName('a-v1', '2', { namespace: ns })).not.toBe(inferenceServiceName('a', '1-v2', { namespace: ns }));
  });

  it('("x\\0y", "1") and ("y", "1\\0x") → different names (control characters cannot join two inputs)', () => {
    const options = { namespace: 'kserve-mlflow-models' };
    expect(inferenceServiceName('x\u0000y', '1', options)).not.toBe(inferenceServiceName('y', '1\u0000x', options));
  });

  it('property: names with control characters and separators → distinct inputs, distinct names', () => {
    const parts = fc.string({ unit: fc.constantFrom('a', '1', '-', '\u0000', '\u0001', '\n', '"', '[', ','), maxLength: 6 });
    fc.assert(
      fc.property(parts, parts, parts, parts, (m1, v1, m2, v2) => {
        fc.pre(m1 !== m2 || v1 !== v2);
        const options = { namespace: 'ns' };
        expect(inferenceServiceName(m1, v1, options)).not.toBe(inferenceServiceName(m2, v2, options));
      }),
      { numRuns: 2000 },
    );
  });

  it('the TSDoc examples → exactly the outputs they show', () => {
    expect(inferenceServiceName('iris-classifier', '3', { namespace: 'kserve-mlflow-models' })).toBe('mlflow-iris-classifier-v3');
    expect(inferenceServiceName('Iris_Classifier', '3', { namespace: 'kserve-mlflow-models' })).toBe('mlflow-iris-classifier-v3-f5430c');
  });

  it('same input twice → same name (deterministic)', () => {
    expect(inferenceServiceName('Model X', '7', { namespace: ns })).toBe(inferenceServiceName('Model X', '7', { namespace: ns }));
  });

  it('namespace of 60 characters → config_invalid error', () => {
    expect(() => inferenceServiceName('m', '1', { namespace: 'n'.repeat(60) })).toThrow(/too long/);
  });

  const namespaces = fc.stringMatching(/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/);
  const modelNames = fc.oneof(
    fc.string({ minLength: 1, maxLength: 300 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,60}$/),
  );
  const versions = fc.oneof(fc.integer({ min: 1, max: 10_000_000 }).map(String), fc.string({ minLength: 1, maxLength: 10 }));

  it('property: any model, version, namespace → valid KServe name within the host-label limit', () => {
    fc.assert(
      fc.property(modelNames, versions, namespaces, (model, version, namespace) => {
        const name = inferenceServiceName(model, version, { namespace });
        expect(name).toMatch(kserveName);
        expect(`${name}-predictor-${namespace}`.length).toBeLessThanOrEqual(63);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: distinct (model, version) → distinct names', () => {
    fc.assert(
      fc.property(modelNames, versions, modelNames, versions, (m1, v1, m2, v2) => {
        fc.pre(m1 !== m2 || v1 !== v2);
        expect(inferenceServiceName(m1, v1, { namespace: ns })).not.toBe(inferenceServiceName(m2, v2, { namespace: ns }));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: near-collisions (case and punctuation variants) → distinct names', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/), fc.integer({ min: 1, max: 99 }), (model, v) => {
        const variants = [model, model.toUpperCase(), `${model}_`, `${model}-`, `${model}.`, ` ${model}`];
        const names = new Set(variants.map((m) => inferenceServiceName(m, String(v), { namespace: ns })));
        expect(names.size).toBe(new Set(variants).size);
      }),
    );
  });
});

describe('sanitizeName', () => {
  it.each([
    ['Iris_Classifier', 'iris-classifier'],
    ['123abc', 'abc'],
    ['--a--b--', 'a-b'],
    ['日本語', ''],
  ])('sanitizeName(%j) → %j', (input, expected) => {
    expect(sanitizeName(input)).toBe(expected);
  });
});

describe('labelValue', () => {
  it('valid value → unchanged', () => {
    expect(labelValue('iris-classifier.v3_x')).toBe('iris-classifier.v3_x');
  });

  it('property: anything → a valid label value; distinct inputs → distinct values', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (a, b) => {
        expect(labelValue(a)).toMatch(labelPattern);
        expect(labelValue(a).length).toBeLessThanOrEqual(63);
        if (a !== b) expect(labelValue(a)).not.toBe(labelValue(b));
      }),
      { numRuns: 2000 },
    );
  });
});
