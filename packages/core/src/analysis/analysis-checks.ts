import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { MetricsQueryPort } from '../ports/metrics-query-port.js';

/** One analysis check's outcome over the step's window. */
export interface CheckResult {
  name: string;
  ok: boolean;
  value: number | undefined;
  /** `request-success-rate 91.2 < min 99`, `request-duration: no data`, … */
  reason: string;
}

/** One analysis check: a PromQL query and the bounds its value must stay within. */
export interface CheckSpec {
  name: string;
  /** PromQL with `{{namespace}}`, `{{name}}` (the InferenceService), `{{revision}}` (the canary's) and `{{interval}}`. */
  query: string;
  min?: number | undefined;
  max?: number | undefined;
  /** What no data counts as. Default: `canary_no_data`. */
  onNoData?: 'fail' | 'pass' | undefined;
}

/**
 * The built-in checks, modelled on Flagger's request-success-rate and request-duration, over the metrics
 * Knative Serving's queue-proxy exports per revision (`revision_request_count`,
 * `revision_request_latencies`, labels `namespace_name`, `revision_name`, `response_code_class`; see
 * docs/progressive-delivery.md for where they are defined).
 */
export const builtinChecks: readonly CheckSpec[] = [
  {
    name: 'request-success-rate',
    query:
      'sum(rate(revision_request_count{namespace_name="{{namespace}}",revision_name="{{revision}}",response_code_class!="5xx"}[{{interval}}])) / sum(rate(revision_request_count{namespace_name="{{namespace}}",revision_name="{{revision}}"}[{{interval}}])) * 100',
    min: 99,
  },
  {
    name: 'request-duration',
    query:
      'histogram_quantile(0.99, sum(rate(revision_request_latencies_bucket{namespace_name="{{namespace}}",revision_name="{{revision}}"}[{{interval}}])) by (le))',
    max: 500,
  },
];

/**
 * The checks a configuration describes: `canary_checks` parsed (a YAML list of `{name, query, min, max,
 * on_no_data}`), or the built-in ones.
 *
 * @throws MlflowKserveError `config_invalid` naming the check and what is wrong.
 * @example
 * ```ts
 * parseChecks('- name: errors\n  query: sum(rate(x[{{interval}}]))\n  max: 1\n'); // [{ name: 'errors', … }]
 * ```
 */
export async function parseChecks(yamlText: string | undefined): Promise<CheckSpec[]> {
  if (yamlText === undefined || yamlText.trim() === '') return [...builtinChecks];
  const { parse } = await import('yaml');
  const problem = (what: string) =>
    new MlflowKserveError(
      'config_invalid',
      `MLFLOW_KSERVE_CANARY_CHECKS: ${what}. Expected a list of {name, query, min, max, on_no_data}.`,
    );
  let parsed: unknown;
  try {
    parsed = parse(yamlText);
  } catch (error) {
    throw problem(`not YAML (${(error as Error).message.split('\n')[0]})`);
  }
  if (!Array.isArray(parsed)) throw problem('not a list');
  return parsed.map((item, i): CheckSpec => {
    const check = item as Record<string, unknown> | null;
    const name = typeof check?.['name'] === 'string' && check['name'] !== '' ? check['name'] : undefined;
    if (!name) throw problem(`check ${i + 1} has no name`);
    if (typeof check?.['query'] !== 'string' || check['query'].trim() === '') throw problem(`check ${name} has no query`);
    const bound = (key: 'min' | 'max'): number | undefined => {
      const value = check[key];
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'number' || !Number.isFinite(value)) throw problem(`check ${name}: ${key} must be a number`);
      return value;
    };
    const min = bound('min');
    const max = bound('max');
    if (min === undefined && max === undefined) throw problem(`check ${name} has neither min nor max`);
    const onNoData = check['on_no_data'];
    if (onNoData !== undefined && onNoData !== 'fail' && onNoData !== 'pass')
      throw problem(`check ${name}: on_no_data must be fail or pass`);
    return { name, query: check['query'], min, max, onNoData };
  });
}

/** The values a check's query is rendered with. */
export interface CheckValues {
  namespace: string;
  name: string;
  revision: string;
  /** The analysis window as a PromQL duration, e.g. `300s`. */
  interval: string;
}

/**
 * A check's query with its values in place, each escaped for a PromQL string.
 *
 * @example
 * ```ts
 * renderQuery('up{namespace="{{namespace}}"}', { namespace: 'models', name: 'n', revision: 'r', interval: '60s' }); // 'up{namespace="models"}'
 * ```
 */
export function renderQuery(query: string, values: CheckValues): string {
  return query.replace(/\{\{\s*(namespace|name|revision|interval)\s*\}\}/g, (_, key: keyof CheckValues) =>
    values[key].replace(/\\/g, '\\\\').replace(/"/g, '\\"'),
  );
}

/**
 * Runs every check against the metrics source and judges it: a value outside `[min, max]` fails; no data
 * fails unless the check (or `noData`) says pass; a source that cannot answer fails the check with why.
 *
 * @example
 * ```ts
 * await runChecks(prometheus, builtinChecks, values, 'fail'); // [{ name: 'request-success-rate', ok: true, value: 100, reason: '…' }, …]
 * ```
 */
export async function runChecks(
  source: MetricsQueryPort,
  checks: readonly CheckSpec[],
  values: CheckValues,
  noData: 'fail' | 'pass',
): Promise<CheckResult[]> {
  return Promise.all(
    checks.map(async (check): Promise<CheckResult> => {
      let value: number | undefined;
      try {
        value = await source.query(renderQuery(check.query, values));
      } catch (error) {
        return { name: check.name, ok: false, value: undefined, reason: `${check.name}: ${(error as Error).message}` };
      }
      if (value === undefined) {
        const pass = (check.onNoData ?? noData) === 'pass';
        return { name: check.name, ok: pass, value, reason: `${check.name}: no data${pass ? ' (counted as passed)' : ''}` };
      }
      const shown = Number(value.toPrecision(4));
      if (check.min !== undefined && value < check.min)
        return { name: check.name, ok: false, value, reason: `${check.name} ${shown} < min ${check.min}` };
      if (check.max !== undefined && value > check.max)
        return { name: check.name, ok: false, value, reason: `${check.name} ${shown} > max ${check.max}` };
      return { name: check.name, ok: true, value, reason: `${check.name} ${shown} within bounds` };
    }),
  );
}
