#!/usr/bin/env bash
# Installs the ops tools the chart, dashboard and alert-rule checks run, once per machine (cached):
#   - helm (helm.sh/helm/v3, pinned) for `helm lint` and `helm template`
#   - promtool (github.com/prometheus/prometheus, pinned) for `promtool check rules` and `promtool test rules`
#   - kustomize (sigs.k8s.io/kustomize/kustomize/v5, pinned) for `kustomize build k8s/` in the e2e install test
# All are built with `go install` from the Go module proxy. Prints the path of the folder holding them.
set -euo pipefail
HELM_VERSION="${HELM_VERSION:-v3.22.0}"
PROMETHEUS_VERSION="${PROMETHEUS_VERSION:-v0.316.0}"
KUSTOMIZE_VERSION="${KUSTOMIZE_VERSION:-v5.8.0}"
cache="${MLFLOW_KSERVE_OPS_CACHE:-$HOME/.cache/mlflow-kserve-ops}"
mkdir -p "$cache/bin"

if [ ! -x "$cache/bin/helm-$HELM_VERSION" ]; then
  echo "ops: building helm $HELM_VERSION (a few minutes the first time)" >&2
  GOBIN="$cache/gobin" GOFLAGS=-mod=mod go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2
  mv "$cache/gobin/helm" "$cache/bin/helm-$HELM_VERSION"
fi
if [ ! -x "$cache/bin/promtool-$PROMETHEUS_VERSION" ]; then
  echo "ops: building promtool from prometheus $PROMETHEUS_VERSION (a few minutes the first time)" >&2
  GOBIN="$cache/gobin" GOFLAGS=-mod=mod go install "github.com/prometheus/prometheus/cmd/promtool@$PROMETHEUS_VERSION" >&2
  mv "$cache/gobin/promtool" "$cache/bin/promtool-$PROMETHEUS_VERSION"
fi
if [ ! -x "$cache/bin/kustomize-$KUSTOMIZE_VERSION" ]; then
  echo "ops: building kustomize $KUSTOMIZE_VERSION (under a minute the first time)" >&2
  GOBIN="$cache/gobin" GOFLAGS=-mod=mod go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" >&2
  mv "$cache/gobin/kustomize" "$cache/bin/kustomize-$KUSTOMIZE_VERSION"
fi
ln -sf "helm-$HELM_VERSION" "$cache/bin/helm"
ln -sf "kustomize-$KUSTOMIZE_VERSION" "$cache/bin/kustomize"
ln -sf "promtool-$PROMETHEUS_VERSION" "$cache/bin/promtool"
echo "$cache/bin"
