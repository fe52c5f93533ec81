import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configSchema, defaultTemplate, inferenceServiceName, loadConfig, renderManifest, templateValuesFor } from '@mlflow-kserve/core';
import { inferenceServiceVerbs, leaseVerbs, routes, servingRuntimeVerbs } from '@mlflow-kserve/core/operations';
import { inferenceServiceValidator, sampleTemplateValues } from './kserve-schema.js';

const dir = fileURLToPath(new URL('../k8s/', import.meta.url));
const files = [
  ...readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `${dir}${f}`),
  ...readdirSync(`${dir}optional`).map((f) => `${dir}optional/${f}`),
];
const docs = files.flatMap((file) =>
  parseAllDocuments(readFileSync(file, 'utf8')).map((d) => ({ file, object: d.toJS() as Record<string, any> })),
);
const byKind = (kind: string) => docs.filter((d) => d.object?.kind === kind).map((d) => d.object);
const deployment = byKind('Deployment')[0]!;
const container = deployment.spec.template.spec.containers[0];
const configMap = byKind('ConfigMap')[0]!;

function values(namespace: string, modelName = 'iris-classifier', modelVersion = '3') {
  return templateValuesFor({
    name: inferenceServiceName(modelName, modelVersion, { namespace }),
    namespace,
    modelName,
    modelVersion,
    storageUri: 's3://mlflow-artifacts/1/models/m-0123/artifacts',
    runId: '487892dfbe01444bbe535773ee32b14c',
    experimentId: '1',
    resources: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '512Mi', memoryLimit: '2Gi' },
  });
}

describe('k8s/ manifests', () => {
  it('every MLFLOW_KSERVE_* variable in k8s/ → a setting of the config schema', () => {
    const known = new Set(Object.keys(configSchema.shape).map((k) => `MLFLOW_KSERVE_${k.toUpperCase()}`));
    const used = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/MLFLOW_KSERVE_[A-Z_]+/g)].map((m) => m[0]));
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((v) => !known.has(v))).toEqual([]);
  });

  it('the Deployment’s literal env values → a valid configuration', () => {
    const env = Object.fromEntries(
      container.env.map((e: { name: string; value?: string }) => [e.name, e.value ?? 'from-a-secret-0123456789']),
    );
    expect(() => loadConfig(env)).not.toThrow();
  });

  it('probe paths → routes the listener serves (/livez never depends on MLflow or Kubernetes)', () => {
    expect(container.livenessProbe.httpGet.path).toBe('/livez');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(routes).toContain(container.livenessProbe.httpGet.path);
    expect(routes).toContain(container.readinessProbe.httpGet.path);
  });

  it('securityContext → non-root, read-only root filesystem, no privilege escalation, all capabilities dropped', () => {
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
  });

  it('the template path in env → where the ConfigMap is mounted', () => {
    const path = container.env.find((e: { name: string }) => e.name === 'MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE').value as string;
    const mount = container.volumeMounts.find((m: { name: string }) => m.name === 'template');
    const volume = deployment.spec.template.spec.volumes.find((v: { name: string }) => v.name === 'template');
    expect(path).toBe(`${mount.mountPath}/template.yaml`);
    expect(volume.configMap.name).toBe(configMap.metadata.name);
    expect(Object.keys(configMap.data)).toEqual(['template.yaml']);
  });

  it('default RBAC → a namespaced Role with exactly the verbs the SDK uses (requiredAccess, what /readyz checks) and a read-only ClusterRole for ClusterServingRuntimes, bound to the ServiceAccount', () => {
    const role = byKind('Role')[0]!;
    expect(role.metadata.namespace).toBe('kserve-mlflow-models');
    expect(role.rules).toEqual([
      { apiGroups: ['serving.kserve.io'], resources: ['inferenceservices'], verbs: inferenceServiceVerbs },
      { apiGroups: ['serving.kserve.io'], resources: ['servingruntimes'], verbs: servingRuntimeVerbs },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: leaseVerbs },
    ]);
    const binding = byKind('RoleBinding')[0]!;
    const serviceAccount = {
      kind: 'ServiceAccount',
      name: deployment.spec.template.spec.serviceAccountName,
      namespace: deployment.metadata.namespace,
    };
    expect(binding.subjects).toEqual([serviceAccount]);
    // The preflight's one cluster-wide right: list ClusterServingRuntimes, read-only.
    const runtimes = (kind: string) => byKind(kind).filter((r) => r.metadata.name === 'mlflow-kserve-runtimes');
    expect(runtimes('ClusterRole').map((r) => r.rules)).toEqual([
      [{ apiGroups: ['serving.kserve.io'], resources: ['clusterservingruntimes'], verbs: servingRuntimeVerbs }],
    ]);
    expect(runtimes('ClusterRoleBinding').map((b) => [b.roleRef.name, b.subjects])).toEqual([['mlflow-kserve-runtimes', [serviceAccount]]]);
    const kustomization = readFileSync(`${dir}kustomization.yaml`, 'utf8');
    expect(kustomization).not.toContain('cluster-rbac');
  });

  it('several replicas → a PodDisruptionBudget keeping one, anti-affinity across nodes, and each pod named in the Lease', () => {
    const deployment = byKind('Deployment')[0]!;
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(byKind('PodDisruptionBudget')[0]!.spec).toMatchObject({
      minAvailable: 1,
      selector: { matchLabels: deployment.spec.selector.matchLabels },
    });
    expect(deployment.spec.template.spec.affinity.podAntiAffinity).toBeDefined();
    const env = deployment.spec.template.spec.containers[0].env as { name: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[];
    expect(env.find((e) => e.name === 'MLFLOW_KSERVE_POD_NAME')?.valueFrom?.fieldRef?.fieldPath).toBe('metadata.name');
  });

  it('the extra-namespace component → the namespace and a Role there with the InferenceService verbs and the preflight’s list of ServingRuntimes, bound to the same ServiceAccount', () => {
    const component = `${dir}components/extra-namespace/`;
    const docs = ['namespace.yaml', 'rbac.yaml'].flatMap((f) =>
      parseAllDocuments(readFileSync(`${component}${f}`, 'utf8')).map((d) => d.toJS() as any),
    );
    const namespace = docs.find((d) => d.kind === 'Namespace').metadata.name;
    const role = docs.find((d) => d.kind === 'Role');
    expect(role.metadata.namespace).toBe(namespace);
    expect(role.rules).toEqual([
      { apiGroups: ['serving.kserve.io'], resources: ['inferenceservices'], verbs: inferenceServiceVerbs },
      { apiGroups: ['serving.kserve.io'], resources: ['servingruntimes'], verbs: servingRuntimeVerbs },
    ]);
    expect(docs.find((d) => d.kind === 'RoleBinding').subjects).toEqual(byKind('RoleBinding')[0]!.subjects);
    const kustomization = parseAllDocuments(readFileSync(`${component}kustomization.yaml`, 'utf8'))[0]!.toJS() as {
      kind: string;
      resources: string[];
    };
    expect(kustomization.kind).toBe('Component');
    for (const r of kustomization.resources) expect(readFileSync(`${component}${r}`, 'utf8').length).toBeGreaterThan(0);
  });

  it('kustomization → lists files that exist', () => {
    const resources = (parseAllDocuments(readFileSync(`${dir}kustomization.yaml`, 'utf8'))[0]!.toJS() as { resources: string[] }).resources;
    for (const r of resources) expect(files).toContain(`${dir}${r}`);
  });

  it.each([
    ['the ConfigMap template', () => configMap.data['template.yaml'] as string],
    ['the built-in template', () => defaultTemplate],
  ])('%s, rendered → valid against KServe’s full CRD schema', (_name, template) => {
    const validate = inferenceServiceValidator();
    for (const [model, version] of [
      ['iris-classifier', '3'],
      ['Fraud Detector "v2": #1', '12'],
    ] as const) {
      const { object } = renderManifest(template(), values('kserve-mlflow-models', model, version));
      const { metadata: _metadata, ...rest } = object;
      expect(validate(rest), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('the built-in template with every override (runtime, format, protocol, replicas, CPU, memory, GPUs) → valid against KServe’s full CRD schema', () => {
    const validate = inferenceServiceValidator();
    const overrides = {
      runtime: 'kserve-mlserver',
      model_format: 'mlflow',
      protocol_version: 'v2',
      min_replicas: '1',
      max_replicas: '3',
      cpu_request: '500m',
      cpu_limit: '2',
      memory_request: '1Gi',
      memory_limit: '4Gi',
      gpu_count: '1',
    };
    const { object } = renderManifest(defaultTemplate, sampleTemplateValues({ overrides }));
    const { metadata: _metadata, ...rest } = object;
    expect(validate(rest), JSON.stringify(validate.errors)).toBe(true);
    expect((rest.spec as any).predictor).toMatchObject({ minReplicas: 1, maxReplicas: 3 });
  });

  it('the schema check → catches an undeclared field (it can fail)', () => {
    const validate = inferenceServiceValidator();
    const { object } = renderManifest(defaultTemplate, values('kserve-mlflow-models'));
    const { metadata: _metadata, ...rest } = object;
    (rest.spec as any).predictor.model.storageUrl = 's3://typo';
    expect(validate(rest)).toBe(false);
  });

  it('the schema check → catches an undeclared field inside a list item, and accepts the same list without it', () => {
    const validate = inferenceServiceValidator();
    const { object } = renderManifest(defaultTemplate, values('kserve-mlflow-models'));
    const { metadata: _metadata, ...rest } = object;
    (rest.spec as any).predictor.tolerations = [
      { key: 'gpu', operator: 'Exists' },
      { key: 'x', effectt: 'NoSchedule' },
    ];
    expect(validate(rest)).toBe(false);
    (rest.spec as any).predictor.tolerations = [
      { key: 'gpu', operator: 'Exists' },
      { key: 'x', effect: 'NoSchedule' },
    ];
    expect(validate(rest), JSON.stringify(validate.errors)).toBe(true);
  });
});
