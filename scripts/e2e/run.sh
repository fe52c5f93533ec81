#!/usr/bin/env bash
# npm run test:e2e: provision (cached), build, then run the end-to-end tier against real MLflow and a
# real Kubernetes API server. Extra arguments go to vitest.
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/../.."
bash scripts/e2e/provision.sh
# helm renders the chart's ServiceAccount and RBAC, which the listener runs with (e2e/harness/chart-identity.ts).
MLFLOW_KSERVE_OPS_BIN=$(bash scripts/ops/provision.sh)
export MLFLOW_KSERVE_OPS_BIN
npx turbo run build --output-logs=errors-only   # the packages, and the command's bundle that its bin and the image run
exec npx vitest run --config e2e/vitest.config.ts "$@"
