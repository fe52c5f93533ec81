{{/* The release's name for every object: fullnameOverride, or the release name (with the chart name when it does not contain it). */}}
{{- define "mlflow-kserve.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "mlflow-kserve.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "mlflow-kserve.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "mlflow-kserve.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Labels that select the listener's pods. */}}
{{- define "mlflow-kserve.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mlflow-kserve.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "mlflow-kserve.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "mlflow-kserve.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding the webhook secret and credentials: the chart's own or an existing one. */}}
{{- define "mlflow-kserve.secretName" -}}
{{- if .Values.secret.create -}}
{{- include "mlflow-kserve.fullname" . -}}
{{- else -}}
{{- required "secret.existingSecret is required when secret.create is false: name the Secret that holds webhook-secret (see the chart README)" .Values.secret.existingSecret -}}
{{- end -}}
{{- end -}}

{{/* The namespace InferenceServices go to (config.kubeNamespace), then the others a model may choose. */}}
{{- define "mlflow-kserve.targetNamespaces" -}}
{{- $namespaces := list (required "config.kubeNamespace is required" .Values.config.kubeNamespace) -}}
{{- range (.Values.config.allowedNamespaces | default list) -}}
{{- $namespaces = append $namespaces . -}}
{{- end -}}
{{- $namespaces | uniq | toJson -}}
{{- end -}}

{{/* image: repository@digest when a digest is given, else repository:tag (tag defaults to the chart's appVersion). */}}
{{- define "mlflow-kserve.image" -}}
{{- $repository := required "image.repository is required: nothing publishes the listener's image. Build it from the repository's Dockerfile (docker build -t <registry>/mlflow-kserve:<tag> .), push it to a registry your cluster pulls from (for kind: kind load docker-image; for minikube: minikube image load), then install with --set image.repository=<registry>/mlflow-kserve --set image.tag=<tag>. See \"Image\" in the chart README." .Values.image.repository -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* The InferenceService rules the listener needs in every namespace it writes to. */}}
{{- define "mlflow-kserve.inferenceServiceRule" -}}
- apiGroups: ["serving.kserve.io"]
  resources: ["inferenceservices"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
{{- end -}}

{{/* The preflight's read of KServe's ServingRuntimes (in each namespace); none with config.preflight off. */}}
{{- define "mlflow-kserve.servingRuntimeRule" -}}
{{- if ne (toString .Values.config.preflight) "off" }}
- apiGroups: ["serving.kserve.io"]
  resources: ["servingruntimes"]
  verbs: ["list"]
{{- end }}
{{- end -}}

{{/* The preflight's read of KServe's ClusterServingRuntimes (cluster-scoped). */}}
{{- define "mlflow-kserve.clusterServingRuntimeRule" -}}
{{- if ne (toString .Values.config.preflight) "off" }}
- apiGroups: ["serving.kserve.io"]
  resources: ["clusterservingruntimes"]
  verbs: ["list"]
{{- end }}
{{- end -}}

{{/* The leader election Lease rule (in config.kubeNamespace). */}}
{{- define "mlflow-kserve.leaseRule" -}}
- apiGroups: ["coordination.k8s.io"]
  resources: ["leases"]
  verbs: ["get", "create", "update"]
{{- end -}}

{{/* A config value as an env value: lists joined with commas; whole numbers without the exponent YAML's floats get (1048576, not 1.048576e+06). */}}
{{- define "mlflow-kserve.envValue" -}}
{{- if kindIs "slice" . -}}
{{- join "," . | quote -}}
{{- else if and (kindIs "float64" .) (eq . (floor .)) -}}
{{- int64 . | toString | quote -}}
{{- else -}}
{{- toString . | quote -}}
{{- end -}}
{{- end -}}

{{/* "true" when the listener commits to Git (config.kubeTarget git:<URL>) instead of writing to the cluster. */}}
{{- define "mlflow-kserve.gitTarget" -}}
{{- if hasPrefix "git:" (toString (.Values.config.kubeTarget | default "")) }}true{{- end }}
{{- end }}
