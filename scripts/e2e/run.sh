#!/usr/bin/env bash
# npm run test:e2e: provision (cached), build, then run the end-to-end tier against real MLflow and a
# real Kubernetes API server. Extra arguments go to vitest.
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/../.."
bash scripts/e2e/provision.sh
npx turbo run build --output-logs=errors-only
npm run bundle -w @mlflow-kserve/cli >/dev/null   # the container image's one-file build (e2e/image.e2e.test.ts)
exec npx vitest run --config e2e/vitest.config.ts "$@"
