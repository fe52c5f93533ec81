#!/usr/bin/env bash
# Installs the two real systems the end-to-end tests talk to, once per machine (idempotent, cached):
#   - MLflow (pinned) in a Python virtual environment
#   - k8s.io/apiextensions-apiserver (pinned tag) built with `go install`, and etcd from Debian
#   - Prometheus (the module the ops tier's promtool comes from) built with `go install`, for rollout analysis
# Prints nothing on success beyond progress; exits non-zero with a message saying what is missing.
set -euo pipefail
MLFLOW_VERSION="${MLFLOW_VERSION:-3.17.2}"
APISERVER_VERSION="${APISERVER_VERSION:-v0.34.13}"
PROMETHEUS_VERSION="${PROMETHEUS_VERSION:-v0.316.0}"
cache="${MLFLOW_KSERVE_E2E_CACHE:-$HOME/.cache/mlflow-kserve-e2e}"
mkdir -p "$cache/bin"

if ! "$cache/mlflow-venv/bin/mlflow" --version 2>/dev/null | grep -q "$MLFLOW_VERSION"; then
  echo "e2e: installing mlflow==$MLFLOW_VERSION into $cache/mlflow-venv"
  rm -rf "$cache/mlflow-venv"
  python3 -m venv "$cache/mlflow-venv"
  "$cache/mlflow-venv/bin/pip" install --quiet --disable-pip-version-check "mlflow==$MLFLOW_VERSION"
fi

if [ ! -x "$cache/bin/apiextensions-apiserver-$APISERVER_VERSION" ]; then
  echo "e2e: building k8s.io/apiextensions-apiserver@$APISERVER_VERSION (a few minutes the first time)"
  GOBIN="$cache/gobin" GOFLAGS=-mod=mod go install "k8s.io/apiextensions-apiserver@$APISERVER_VERSION"
  mv "$cache/gobin/apiextensions-apiserver" "$cache/bin/apiextensions-apiserver-$APISERVER_VERSION"
fi

if [ ! -x "$cache/bin/prometheus-$PROMETHEUS_VERSION" ]; then
  echo "e2e: building prometheus $PROMETHEUS_VERSION (a few minutes the first time)"
  GOBIN="$cache/gobin" GOFLAGS=-mod=mod go install "github.com/prometheus/prometheus/cmd/prometheus@$PROMETHEUS_VERSION"
  mv "$cache/gobin/prometheus" "$cache/bin/prometheus-$PROMETHEUS_VERSION"
fi

if ! command -v etcd >/dev/null 2>&1 && [ ! -x /usr/bin/etcd ]; then
  echo "e2e: installing etcd-server from Debian"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >/dev/null) || { echo "e2e: could not install etcd-server"; exit 1; }
  else
    echo "e2e: etcd is missing and this user cannot apt-get install etcd-server"; exit 1
  fi
fi
systemctl disable --now etcd >/dev/null 2>&1 || true
echo "e2e: provisioned (mlflow $MLFLOW_VERSION, apiextensions-apiserver $APISERVER_VERSION, prometheus $PROMETHEUS_VERSION, $(etcd --version 2>/dev/null | head -1))"
