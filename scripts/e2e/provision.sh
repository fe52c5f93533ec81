#!/usr/bin/env bash
# Installs the two real systems the end-to-end tests talk to, once per machine (idempotent, cached):
#   - MLflow (pinned) in a Python virtual environment
#   - kube-apiserver (k8s.io/kubernetes, pinned) built with `go build` from the Go module proxy, and etcd from Debian
#   - Prometheus (the module the ops tier's promtool comes from) built with `go install`, for rollout analysis
# Prints nothing on success beyond progress; exits non-zero with a message saying what is missing.
set -euo pipefail
MLFLOW_VERSION="${MLFLOW_VERSION:-3.17.2}"
KUBE_APISERVER_VERSION="${KUBE_APISERVER_VERSION:-v1.34.2}"
PROMETHEUS_VERSION="${PROMETHEUS_VERSION:-v0.316.0}"
cache="${MLFLOW_KSERVE_E2E_CACHE:-$HOME/.cache/mlflow-kserve-e2e}"
mkdir -p "$cache/bin"

if ! "$cache/mlflow-venv/bin/mlflow" --version 2>/dev/null | grep -q "$MLFLOW_VERSION"; then
  echo "e2e: installing mlflow==$MLFLOW_VERSION into $cache/mlflow-venv"
  rm -rf "$cache/mlflow-venv"
  python3 -m venv "$cache/mlflow-venv"
  "$cache/mlflow-venv/bin/pip" install --quiet --disable-pip-version-check "mlflow==$MLFLOW_VERSION"
fi

# The preflight's scenarios log real scikit-learn models and load them as KServe's sklearnserver does (joblib);
# MLflow's own requirements bring both, this makes sure of it.
if ! "$cache/mlflow-venv/bin/python" -c 'import sklearn, joblib' 2>/dev/null; then
  echo "e2e: installing scikit-learn into $cache/mlflow-venv"
  "$cache/mlflow-venv/bin/pip" install --quiet --disable-pip-version-check scikit-learn joblib
fi

if [ ! -x "$cache/bin/kube-apiserver-$KUBE_APISERVER_VERSION" ]; then
  echo "e2e: building kube-apiserver $KUBE_APISERVER_VERSION (≈ 5 minutes on 2 cores the first time)"
  # k8s.io/kubernetes is not meant to be required as a module: its go.mod points its 31 staging modules
  # (k8s.io/api, apimachinery, apiserver, client-go, …) at ./staging. A module of our own requires it and
  # replaces each of them with its published version (v1.X.Y ↔ v0.X.Y), then builds cmd/kube-apiserver.
  build="$cache/kube-apiserver-build-$KUBE_APISERVER_VERSION"
  rm -rf "$build" && mkdir -p "$build"
  staging="v0${KUBE_APISERVER_VERSION#v1}"
  mod=$(cd "$build" && go mod download -json "k8s.io/kubernetes@$KUBE_APISERVER_VERSION" | sed -n 's/.*"GoMod": "\(.*\)",*/\1/p')
  {
    echo "module mlflow-kserve.e2e/kube-apiserver"
    echo
    echo "go $(sed -n 's/^go //p' "$mod")"
    echo
    echo "require k8s.io/kubernetes $KUBE_APISERVER_VERSION"
    echo
    echo "replace ("
    sed -n "s#^[[:space:]]*\(k8s.io/[^ ]*\) => ./staging/src/.*#\t\1 => \1 $staging#p" "$mod"
    echo ")"
  } > "$build/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "k8s.io/kubernetes/cmd/kube-apiserver"\n' > "$build/tools.go"
  (cd "$build" && go mod tidy)
  (cd "$build" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$KUBE_APISERVER_VERSION" -o "$cache/bin/kube-apiserver-$KUBE_APISERVER_VERSION" k8s.io/kubernetes/cmd/kube-apiserver)
  rm -rf "$build"
fi

if [ ! -x "$cache/bin/prometheus-$PROMETHEUS_VERSION" ]; then
  echo "e2e: building prometheus $PROMETHEUS_VERSION (a few minutes the first time)"
  GOBIN="$cache/gobin" GOFLAGS=-mod=mod go install "github.com/prometheus/prometheus/cmd/prometheus@$PROMETHEUS_VERSION"
  mv "$cache/gobin/prometheus" "$cache/bin/prometheus-$PROMETHEUS_VERSION"
fi

# Binaries this tier no longer runs (apiextensions-apiserver, before kube-apiserver) and other versions of the
# pinned ones: removed, so the cache holds only what the next run uses.
for old in "$cache"/bin/*; do
  case "$(basename "$old")" in
    "kube-apiserver-$KUBE_APISERVER_VERSION" | "prometheus-$PROMETHEUS_VERSION") ;;
    *) echo "e2e: removing $(basename "$old") from the cache (no longer used)"; rm -f "$old" ;;
  esac
done

if ! command -v etcd >/dev/null 2>&1 && [ ! -x /usr/bin/etcd ]; then
  echo "e2e: installing etcd-server from Debian"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >/dev/null) || { echo "e2e: could not install etcd-server"; exit 1; }
  else
    echo "e2e: etcd is missing and this user cannot apt-get install etcd-server"; exit 1
  fi
fi
systemctl disable --now etcd >/dev/null 2>&1 || true
echo "e2e: provisioned (mlflow $MLFLOW_VERSION, kube-apiserver $KUBE_APISERVER_VERSION, prometheus $PROMETHEUS_VERSION, $(etcd --version 2>/dev/null | head -1))"
