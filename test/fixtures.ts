import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One delivery of `test/fixtures/mlflow/mlflow-signatures.json`. */
export interface SignatureVector {
  name: string;
  secret: string;
  headers: Record<string, string>;
  body: string;
  reason?: string;
}

/** The byte-exact MLflow deliveries the signature and parsing tests use. */
export interface SignatureVectors {
  now_seconds: number;
  valid: SignatureVector[];
  invalid: SignatureVector[];
}

/** The absolute path of a file under `test/fixtures/`. */
export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`./fixtures/${relative}`, import.meta.url));
}

/** MLflow's signed deliveries (see test/fixtures/README.md for provenance). */
export function signatureVectors(): SignatureVectors {
  return JSON.parse(readFileSync(fixturePath('mlflow/mlflow-signatures.json'), 'utf8')) as SignatureVectors;
}

/** KServe's full InferenceService CRD (see test/fixtures/README.md for provenance and licence). */
export const kserveCrdPath: string = fixturePath('kserve/inferenceservices.crd.full.yaml');

/** KServe's ServingRuntime and ClusterServingRuntime CRDs (see test/fixtures/README.md for provenance and licence). */
export const kserveRuntimeCrdPaths: string[] = ['servingruntimes', 'clusterservingruntimes'].map((plural) =>
  fixturePath(`kserve/${plural}.crd.full.yaml`),
);

/** The Prometheus Operator's ServiceMonitor and PrometheusRule CRDs (see test/fixtures/README.md for provenance and licence). */
export const prometheusOperatorCrdPaths: string[] = ['servicemonitors', 'prometheusrules'].map((plural) =>
  fixturePath(`prometheus-operator/monitoring.coreos.com_${plural}.yaml`),
);

/** An `MLmodel` file MLflow wrote (`sklearn-skops`, `sklearn-pickle`, `pyfunc`; see test/fixtures/README.md). */
export function mlmodelFixture(name: 'sklearn-skops' | 'sklearn-pickle' | 'pyfunc'): string {
  return readFileSync(fixturePath(`mlflow/mlmodel/${name}.MLmodel`), 'utf8');
}
