#!/usr/bin/env bash
# Packaging checks on the built packages: publint (package.json and exports) and are-the-types-wrong
# (types resolve for ESM consumers under node16 and bundler resolution). Run after `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for pkg in packages/core packages/express-adapter packages/lambda-adapter packages/cli; do
  echo "--- $pkg"
  npx publint "$pkg" --strict || status=1
  (cd "$pkg" && npx attw --pack . --profile esm-only --quiet) || status=1
done
echo "--- consumers (CommonJS require, strict types)"
bash scripts/check-consumers.sh || status=1
exit $status
