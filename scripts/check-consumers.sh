#!/usr/bin/env bash
# The built packages as a user gets them: installed side by side in a project of their own (no workspace
# hoisting of our sources), required from CommonJS, and type-checked with skipLibCheck: false.
# Run after `npm run build`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root"/scripts/consumer/* "$work"/
echo '{"name":"consumer","private":true,"type":"module"}' > "$work/package.json"
mkdir -p "$work/node_modules/@mlflow-kserve"
for pkg in core express-adapter lambda-adapter cli; do
  name=$(node -p "require('$root/packages/$pkg/package.json').name.split('/')[1]")
  ln -s "$root/packages/$pkg" "$work/node_modules/@mlflow-kserve/$name"
done
# Their dependencies, as npm would install them next to the packages.
for dep in "$root"/node_modules/*; do
  base=$(basename "$dep")
  [ "$base" = "@mlflow-kserve" ] || [ -e "$work/node_modules/$base" ] || ln -s "$dep" "$work/node_modules/$base"
done
cd "$work"
# CONSUMER_NODE: another Node to require() with (CI: the lowest 22.x that engines claims).
"${CONSUMER_NODE:-node}" require-every-entry.cjs
[ -z "${CONSUMER_NODE:-}" ] || echo "require() of every entry on $("$CONSUMER_NODE" --version) passed"
[ "${CONSUMER_REQUIRE_ONLY:-}" = 1 ] && exit 0
"$root/node_modules/.bin/tsc" -p tsconfig.json
echo "consumers: require() of every entry and a skipLibCheck: false type check passed"
