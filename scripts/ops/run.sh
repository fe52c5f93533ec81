#!/usr/bin/env bash
# npm run test:ops: provision helm and promtool (cached), then run the chart, dashboard and alert-rule checks
# that need them (`helm lint`, `helm template`, `promtool check rules`, `promtool test rules`). Extra
# arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(bash scripts/ops/provision.sh)
export MLFLOW_KSERVE_OPS_BIN="$bin"
exec npx vitest run --config scripts/ops/vitest.ops.config.ts "$@"
