import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasServiceName } from './alias-service-name.js';
import { inferenceServiceName, maxNameLength } from './inference-service-name.js';

const options = { namespace: 'kserve-mlflow-models' };
const valid = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

describe('aliasServiceName', () => {
  it('("iris", "champion") → mlflow-iris-champion (no hash)', () => {
    expect(aliasServiceName('iris', 'champion', options)).toBe('mlflow-iris-champion');
  });

  it.each([
    ['iris', 'Prod_EU'],
    ['iris', 'prod_eu'],
    ['iris', 'champion-eu'],
    ['iris', 'ünï'],
    ['Iris', 'champion'],
  ])('(%j, %j) → sanitized with a hash', (model, alias) => {
    const name = aliasServiceName(model, alias, options);
    expect(name).toMatch(/-[0-9a-f]{6}$/);
    expect(name).toMatch(valid);
  });

  it('("fraud_detector", "champion") → the alias readable before the hash', () => {
    expect(aliasServiceName('fraud_detector', 'champion', options)).toMatch(/^mlflow-fraud-det[a-z-]*-champion-[0-9a-f]{6}$/);
  });

  it('an alias shaped like a name hash ("b8510d") → hashed, so never a hashed version name', () => {
    expect(aliasServiceName('fraud-detector-v3', 'b8510d', options)).not.toBe('mlflow-fraud-detector-v3-b8510d');
    expect(aliasServiceName('fraud-detector-v3', 'b8510d', options)).toMatch(/-[0-9a-f]{6}$/);
  });

  it('the TSDoc example ("iris", "Prod_EU") → mlflow-iris-prod-eu-9888c0', () => {
    expect(aliasServiceName('iris', 'Prod_EU', options)).toBe('mlflow-iris-prod-eu-9888c0');
  });

  it('("a-b", "c") and ("a", "b-c") → different names', () => {
    expect(aliasServiceName('a-b', 'c', options)).not.toBe(aliasServiceName('a', 'b-c', options));
  });

  it('property: any model and alias → valid, fits the namespace, never a version’s name', () => {
    const aliases = fc.oneof(fc.stringMatching(/^[\w-]{1,40}$/), fc.stringMatching(/^[0-9a-f]{6}$/), fc.stringMatching(/^v\d{1,3}$/));
    const models = fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/));
    fc.assert(
      fc.property(models, aliases, models, fc.integer({ min: 1, max: 9999 }), (model, alias, otherModel, version) => {
        const name = aliasServiceName(model, alias, options);
        expect(name).toMatch(valid);
        expect(name.length).toBeLessThanOrEqual(maxNameLength(options.namespace));
        expect(name).not.toBe(inferenceServiceName(otherModel, String(version), options));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: distinct (model, alias) → distinct names', () => {
    const parts = fc.stringMatching(/^[a-z_-]{1,6}$/);
    fc.assert(
      fc.property(parts, parts, parts, parts, (m1, a1, m2, a2) => {
        fc.pre(m1 !== m2 || a1 !== a2);
        expect(aliasServiceName(m1, a1, options)).not.toBe(aliasServiceName(m2, a2, options));
      }),
      { numRuns: 2000 },
    );
  });
});
