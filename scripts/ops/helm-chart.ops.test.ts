import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { configSchema, defaultTemplate, loadConfig, renderManifest } from '@mlflow-kserve/core';
import { routes } from '@mlflow-kserve/core/operations';
import { inferenceServiceValidator, sampleTemplateValues } from '../kserve-schema.js';
import { helmTemplate, type K8sObject, localImageValues, repoRoot, tool } from './ops-tools.js';

const full = ['-f', 'charts/mlflow-kserve/ci/full-values.yaml'];
const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const deploymentOf = (objects: K8sObject[]) => byKind(objects, 'Deployment')[0]!;
const containerOf = (objects: K8sObject[]) => deploymentOf(objects).spec.template.spec.containers[0];
type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } };

/** The listener's configuration from a container's env (secret references become placeholders). */
function configOf(container: K8sObject) {
  const env = Object.fromEntries(
    (container.env as EnvVar[])
      .filter((e) => e.name.startsWith('MLFLOW_KSERVE_'))
      .map((e) => [e.name, e.value ?? `secret:${e.valueFrom?.secretKeyRef?.key ?? 'pod'}-0123456789`]),
  );
  return loadConfig(env);
}

/** `kustomize build k8s/` with the real kustomize. */
function kustomizeBuild(): K8sObject[] {
  const run = tool('kustomize', ['build', 'k8s']);
  if (run.status !== 0) throw new Error(run.stderr.trim());
  return parseAllDocuments(run.stdout).map((d) => d.toJS() as K8sObject);
}

/** An object without what legitimately differs between kustomize and Helm: labels, annotations, selector labels, env (compared as configuration). */
function comparable(object: K8sObject, selector: Record<string, string>): K8sObject {
  const walk = (node: unknown): unknown => {
    if (isDeepStrictEqual(node, selector)) return '<the listener’s pods>';
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node)
          .filter(([k]) => k !== 'labels' && k !== 'annotations' && k !== 'env')
          .map(([k, v]) => [k, walk(v)]),
      );
    }
    return node;
  };
  return walk(object) as K8sObject;
}

describe('charts/mlflow-kserve with a real helm', () => {
  it.each([
    ['default values and an image', ['-f', localImageValues()]],
    ['the full-featured values file', full],
  ])('helm lint --strict with %s → passes', (_name, args) => {
    const run = tool('helm', ['lint', '--strict', 'charts/mlflow-kserve', ...args]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it('default values without image.repository → helm refuses, saying to build, push (or load) and set the image', () => {
    expect(() => helmTemplate([], { image: false })).toThrow(
      /image\.repository is required: nothing publishes the listener's image\. Build it .*push it .*kind load docker-image.*--set image\.repository=/,
    );
  });

  it('default values → no Namespace objects (an existing target namespace never fails the install); createTargetNamespaces=true → created and kept', () => {
    expect(byKind(helmTemplate(), 'Namespace')).toEqual([]);
    const created = byKind(helmTemplate(['--set', 'createTargetNamespaces=true']), 'Namespace');
    expect(created.map((n) => [n.metadata.name, n.metadata.annotations['helm.sh/resource-policy']])).toEqual([
      ['kserve-mlflow-models', 'keep'],
    ]);
  });

  it.each([['README.md'], ['charts/mlflow-kserve/README.md'], ['docs/operations.md']])(
    'the helm install command in %s, as written (with its IMAGE and TAG) → the chart renders with that image',
    (file) => {
      const text = readFileSync(`${repoRoot}${file}`, 'utf8');
      const vars = Object.fromEntries([...(/^export (.+)$/m.exec(text)?.[1] ?? '').matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
      const command = /^helm install (?:[^\n]*\\\n)*[^\n]*$/m.exec(text)![0];
      const words = command
        .replace(/\\\n/g, ' ')
        .replace(/#.*$/, '')
        .replace(/"\$(\w+)"/g, (_, name: string) => vars[name]!)
        .split(/\s+/)
        .filter(Boolean);
      expect(words.slice(0, 5)).toEqual(['helm', 'install', 'mlflow-kserve', './charts/mlflow-kserve', '-n']);
      const objects = helmTemplate(words.slice(6), { image: false });
      expect(containerOf(objects).image).toBe(`${vars['IMAGE']}:${vars['TAG']}`);
    },
  );

  it('helm template, default values → the same objects as the kustomize manifests in k8s/', () => {
    const chart = helmTemplate();
    const kustomize = kustomizeBuild();
    const key = (o: K8sObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    expect(chart.map(key).sort()).toEqual(kustomize.map(key).sort());
    const chartSelector = deploymentOf(chart).spec.selector.matchLabels;
    const kustomizeSelector = deploymentOf(kustomize).spec.selector.matchLabels;
    for (const object of kustomize) {
      const twin = chart.find((o) => key(o) === key(object))!;
      expect(comparable(twin, chartSelector), key(object)).toEqual(comparable(object, kustomizeSelector));
    }
    // The env may differ in form (the chart names the template path and port), never in effect.
    expect(configOf(containerOf(chart))).toEqual(configOf(containerOf(kustomize)));
    const secretRefs = (objects: K8sObject[]) =>
      (containerOf(objects).env as EnvVar[])
        .filter((e) => e.valueFrom?.secretKeyRef)
        .map((e) => [e.name, e.valueFrom!.secretKeyRef!.key, e.valueFrom!.secretKeyRef!.optional ?? false]);
    expect(secretRefs(chart).sort()).toEqual(secretRefs(kustomize).sort());
  });

  it('the comparison → notices a changed field (it can fail)', () => {
    const chart = helmTemplate(['--set', 'resources.limits.memory=1Gi']);
    const selector = deploymentOf(chart).spec.selector.matchLabels;
    const kustomize = kustomizeBuild();
    expect(comparable(deploymentOf(chart), selector)).not.toEqual(
      comparable(deploymentOf(kustomize), deploymentOf(kustomize).spec.selector.matchLabels),
    );
  });

  it('full values → every MLFLOW_KSERVE_* variable is a setting, and the configuration is what the values say', () => {
    const container = containerOf(helmTemplate(full));
    const known = new Set(Object.keys(configSchema.shape).map((k) => `MLFLOW_KSERVE_${k.toUpperCase()}`));
    const names = (container.env as EnvVar[]).map((e) => e.name).filter((n) => n.startsWith('MLFLOW_KSERVE_'));
    expect(names.filter((n) => !known.has(n))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
    const config = configOf(container);
    expect(config).toMatchObject({
      mlflow_tracking_uri: 'https://mlflow.example.com',
      mlflow_timeout_ms: 300_000,
      max_body_bytes: 10_485_760,
      kube_namespace: 'models',
      allowed_namespaces: ['models-gpu', 'models-batch'],
      deploy_tag_values: ['true', 'yes'],
      deploy_aliases: ['champion', 'challenger'],
      canary_traffic_percent: 10,
      reconcile_max_delete_ratio: 0.25,
      status_writeback: true,
      log_level: 'DEBUG',
      app_port: 8000,
      kube_in_cluster: true,
    });
    const values = parse(readFileSync(`${repoRoot}charts/mlflow-kserve/ci/full-values.yaml`, 'utf8')).config as Record<string, unknown>;
    const set = (container.env as EnvVar[]).filter((e) => e.value !== undefined).map((e) => e.name);
    for (const key of Object.keys(values))
      expect(set, key).toContain(`MLFLOW_KSERVE_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`);
  });

  it('full values → RBAC in every target namespace, the Lease only in the first; the Secret, ServiceMonitor and PrometheusRule', () => {
    const objects = helmTemplate(full);
    const roles = byKind(objects, 'Role');
    expect(roles.map((r) => r.metadata.namespace)).toEqual(['models', 'models-gpu', 'models-batch']);
    const isRule = {
      apiGroups: ['serving.kserve.io'],
      resources: ['inferenceservices'],
      verbs: ['get', 'list', 'watch', 'create', 'patch', 'delete'],
    };
    const leaseRule = { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] };
    // The preflight lists ServingRuntimes in each namespace, and ClusterServingRuntimes through a read-only ClusterRole.
    const runtimeRule = { apiGroups: ['serving.kserve.io'], resources: ['servingruntimes'], verbs: ['list'] };
    expect(roles.map((r) => r.rules)).toEqual([
      [isRule, runtimeRule, leaseRule],
      [isRule, runtimeRule],
      [isRule, runtimeRule],
    ]);
    expect(byKind(objects, 'ClusterRole').map((r) => r.rules)).toEqual([
      [{ apiGroups: ['serving.kserve.io'], resources: ['clusterservingruntimes'], verbs: ['list'] }],
    ]);
    for (const binding of byKind(objects, 'RoleBinding')) {
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'model-deployer', namespace: 'mlflow' }]);
    }
    expect(byKind(objects, 'Namespace').map((n) => [n.metadata.name, n.metadata.annotations['helm.sh/resource-policy']])).toEqual([
      ['models', 'keep'],
      ['models-gpu', 'keep'],
      ['models-batch', 'keep'],
    ]);
    const secret = byKind(objects, 'Secret')[0]!;
    expect(Object.keys(secret.stringData).sort()).toEqual(['admin-token', 'mlflow-password', 'previous-webhook-secrets', 'webhook-secret']);
    const monitor = byKind(objects, 'ServiceMonitor')[0]!;
    expect(monitor.spec.endpoints[0]).toMatchObject({
      path: '/metrics',
      authorization: { credentials: { name: secret.metadata.name, key: 'admin-token' } },
    });
    expect(monitor.metadata.labels.release).toBe('prometheus');
    const rule = byKind(objects, 'PrometheusRule')[0]!;
    expect(rule.spec).toEqual(parse(readFileSync(`${repoRoot}deploy/prometheus/rules.yaml`, 'utf8')));
    expect(containerOf(objects).image).toBe(
      'registry.example.com/platform/mlflow-kserve@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    );
  });

  it('full values → the NetworkPolicy admits MLflow only from the namespace its selector names, in and out', () => {
    const policy = byKind(helmTemplate(full), 'NetworkPolicy')[0]!;
    const mlflow = { matchLabels: { 'kubernetes.io/metadata.name': 'mlflow' } };
    expect(policy.spec.ingress[0].from[0].namespaceSelector).toEqual(mlflow);
    expect(policy.spec.egress[0].to[0].namespaceSelector).toEqual(mlflow);
  });

  it('networkPolicy.mlflowNamespaceSelector written as bare labels (no matchLabels) → helm refuses (the API server would drop them and select every namespace)', () => {
    expect(() => helmTemplate(['--set', 'networkPolicy.mlflowNamespaceSelector.kubernetes\\.io/metadata\\.name=mlflow'])).toThrow(
      /mlflowNamespaceSelector.*additional properties? 'kubernetes\.io\/metadata\.name' not allowed/s,
    );
  });

  it('rbac.clusterWide → one ClusterRole with the same rules and no Roles', () => {
    const objects = helmTemplate(['--set', 'rbac.clusterWide=true']);
    expect(byKind(objects, 'Role')).toEqual([]);
    expect(byKind(objects, 'ClusterRole')[0]!.rules.map((r: { resources: string[] }) => r.resources)).toEqual([
      ['inferenceservices'],
      ['leases'],
      ['servingruntimes'],
      ['clusterservingruntimes'],
    ]);
    expect(byKind(objects, 'ClusterRoleBinding')[0]!.subjects[0]).toMatchObject({ kind: 'ServiceAccount', namespace: 'mlflow' });
  });

  it('config.kubeTarget git:<URL> → no RBAC at all, the Secret’s git-token mounted as the token file, the local copy on its own emptyDir, egress to the Git server instead of the API server', () => {
    const objects = helmTemplate([
      '--set',
      'config.kubeTarget=git:https://git.example.com/acme/deploy.git',
      '--set',
      'git.workdirSizeLimit=1Gi',
    ]);
    for (const kind of ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']) expect(byKind(objects, kind)).toEqual([]);
    const container = containerOf(objects);
    const config = configOf(container);
    expect(config).toMatchObject({ kube_target: 'git:https://git.example.com/acme/deploy.git', git_workdir: '/var/lib/mlflow-kserve/git' });
    const tokenFile = config.git_token_file!;
    const mountOf = (name: string) => container.volumeMounts.find((m: { name: string }) => m.name === name).mountPath;
    expect(tokenFile).toBe(`${mountOf('git-token')}/token`);
    expect(config.git_workdir).toBe(mountOf('git'));
    const volumes = deploymentOf(objects).spec.template.spec.volumes as K8sObject[];
    expect(volumes.find((v) => v.name === 'git')).toEqual({ name: 'git', emptyDir: { sizeLimit: '1Gi' } });
    expect(volumes.find((v) => v.name === 'git-token')!.secret).toMatchObject({
      items: [{ key: 'git-token', path: 'token' }],
      optional: true,
    });
    const egress = byKind(objects, 'NetworkPolicy')[0]!.spec.egress as { ports: { port: number }[] }[];
    expect(egress.map((rule) => rule.ports.map((p) => p.port))).toEqual([[5000], [443], [53, 53]]);
    const run = tool('helm', [
      'lint',
      '--strict',
      'charts/mlflow-kserve',
      '-f',
      localImageValues(),
      '--set',
      'config.kubeTarget=git:https://git.example.com/acme/deploy.git',
    ]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it('config.kubeTarget git:<URL> with config.gitStatusFromCluster → a read-only Role per namespace (list, watch InferenceServices), nothing else; egress to the Git server and the API server', () => {
    const objects = helmTemplate([
      '--set',
      'config.kubeTarget=git:https://git.example.com/acme/deploy.git',
      '--set',
      'config.gitStatusFromCluster=true',
      '--set',
      'config.allowedNamespaces={team-a}',
    ]);
    const roles = byKind(objects, 'Role');
    expect(roles.map((r) => r.metadata.namespace)).toEqual(['kserve-mlflow-models', 'team-a']);
    for (const role of roles)
      expect(role.rules).toEqual([{ apiGroups: ['serving.kserve.io'], resources: ['inferenceservices'], verbs: ['list', 'watch'] }]);
    expect(byKind(objects, 'RoleBinding').map((b) => b.roleRef.name)).toEqual(roles.map((r) => r.metadata.name));
    for (const kind of ['ClusterRole', 'ClusterRoleBinding']) expect(byKind(objects, kind)).toEqual([]);
    expect(configOf(containerOf(objects)).git_status_from_cluster).toBe(true);
    const egress = byKind(objects, 'NetworkPolicy')[0]!.spec.egress as { ports: { port: number }[] }[];
    expect(egress.map((rule) => rule.ports.map((p) => p.port))).toEqual([[5000], [443], [443, 6443], [53, 53]]);
  });

  it('kustomize: k8s/ with the git-target component → no RBAC, the Git target configured, the token file and the local copy mounted where the env says', () => {
    const overlay = mkdtempSync(join(tmpdir(), 'git-overlay-'));
    const base = relative(overlay, join(repoRoot, 'k8s'));
    writeFileSync(
      join(overlay, 'kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${base}\ncomponents:\n  - ${base}/components/git-target\n`,
    );
    const run = tool('kustomize', ['build', overlay]);
    expect(run.stderr).toBe('');
    const objects = parseAllDocuments(run.stdout).map((d) => d.toJS() as K8sObject);
    for (const kind of ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']) expect(byKind(objects, kind)).toEqual([]);
    const container = containerOf(objects);
    const config = configOf(container);
    expect(config.kube_target).toMatch(/^git:https:\/\//);
    const mountOf = (name: string) => container.volumeMounts.find((m: { name: string }) => m.name === name).mountPath;
    expect(config.git_token_file).toBe(`${mountOf('git-token')}/token`);
    expect(config.git_workdir).toBe(mountOf('git'));
  });

  it('kustomize: k8s/ with git-target and git-status-from-cluster → only the read-only Role (list, watch InferenceServices) bound to the listener; the setting on', () => {
    const overlay = mkdtempSync(join(tmpdir(), 'git-status-overlay-'));
    const base = relative(overlay, join(repoRoot, 'k8s'));
    writeFileSync(
      join(overlay, 'kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${base}\ncomponents:\n  - ${base}/components/git-target\n  - ${base}/components/git-status-from-cluster\n`,
    );
    const run = tool('kustomize', ['build', overlay]);
    expect(run.stderr).toBe('');
    const objects = parseAllDocuments(run.stdout).map((d) => d.toJS() as K8sObject);
    const roles = byKind(objects, 'Role');
    expect(roles.map((r) => [r.metadata.name, r.rules])).toEqual([
      ['mlflow-kserve-status', [{ apiGroups: ['serving.kserve.io'], resources: ['inferenceservices'], verbs: ['list', 'watch'] }]],
    ]);
    expect(byKind(objects, 'RoleBinding')[0]!.subjects).toEqual([{ kind: 'ServiceAccount', name: 'mlflow-kserve', namespace: 'mlflow' }]);
    for (const kind of ['ClusterRole', 'ClusterRoleBinding']) expect(byKind(objects, kind)).toEqual([]);
    const config = configOf(containerOf(objects));
    expect(config).toMatchObject({ git_status_from_cluster: true });
    expect(config.kube_target).toMatch(/^git:https:\/\//);
  });

  it('default values → probes on listener routes, locked-down securityContext, the template mounted where the env says', () => {
    const objects = helmTemplate();
    const container = containerOf(objects);
    expect(routes).toContain(container.livenessProbe.httpGet.path);
    expect(routes).toContain(container.readinessProbe.httpGet.path);
    expect(deploymentOf(objects).spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    const path = (container.env as EnvVar[]).find((e) => e.name === 'MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE')!.value!;
    expect(path).toBe(`${container.volumeMounts.find((m: { name: string }) => m.name === 'template').mountPath}/template.yaml`);
  });

  it('the chart’s template ConfigMap, rendered by the listener → valid against KServe’s full CRD schema', () => {
    const configMap = byKind(helmTemplate(), 'ConfigMap')[0]!;
    const { object } = renderManifest(configMap.data['template.yaml'], sampleTemplateValues());
    const { metadata: _metadata, ...rest } = object;
    const validate = inferenceServiceValidator();
    expect(validate(rest), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the chart’s default template → exactly the built-in one (what `mlflow-kserve render` renders is what the chart deploys)', () => {
    const configMap = byKind(helmTemplate(), 'ConfigMap')[0]!;
    expect(configMap.data['template.yaml']).toBe(defaultTemplate);
    const values = sampleTemplateValues();
    expect(renderManifest(configMap.data['template.yaml'], values).yaml).toBe(renderManifest(defaultTemplate, values).yaml);
  });

  it('an empty inferenceServiceTemplate → no ConfigMap, no mount, the built-in template', () => {
    const objects = helmTemplate(['--set', 'inferenceServiceTemplate=']);
    expect(byKind(objects, 'ConfigMap')).toEqual([]);
    expect((containerOf(objects).env as EnvVar[]).some((e) => e.name === 'MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE')).toBe(false);
  });

  it.each([
    ['a misspelled config key', ['--set', 'config.mlflowTrackingURI=http://x'], /mlflowTrackingURI/],
    ['a string for replicaCount', ['--set-string', 'replicaCount=two'], /replicaCount/],
    ['a log level that does not exist', ['--set', 'config.logLevel=LOUD'], /logLevel/],
    ['secret.create without a webhook secret', ['--set', 'secret.create=true'], /secret\.webhookSecret is required/],
    [
      'an admin token shorter than 16 characters',
      ['--set', 'secret.create=true,secret.webhookSecret=x,secret.adminToken=short'],
      /adminToken/,
    ],
  ])('%s → helm refuses, naming the value', (_name, args, message) => {
    expect(() => helmTemplate(args)).toThrow(message);
  });
});
