# syntax=docker/dockerfile:1
# mlflow-kserve listener image: `mlflow-kserve serve`, non-root, read-only root filesystem friendly.
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY packages/core/package.json packages/core/
COPY packages/express-adapter/package.json packages/express-adapter/
COPY packages/lambda-adapter/package.json packages/lambda-adapter/
COPY packages/cli/package.json packages/cli/
COPY examples/express-app/package.json examples/express-app/
COPY examples/lambda/package.json examples/lambda/
COPY examples/custom-tooling/package.json examples/custom-tooling/
RUN npm ci --no-audit --no-fund
COPY packages packages
# The build's esbuild plugin and licence notice (the core bundles part of client-node; the command is bundled whole).
COPY scripts/bundling scripts/bundling
RUN npx turbo run build --filter=@mlflow-kserve/cli...

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Every dependency bundled (packages/cli/scripts/bundle.mjs: mlflow-kserve.mjs and the chunks it loads on demand):
# nothing to install, and `serve` starts in about half the time and idles with less memory than from ~1,500
# modules (docs/benchmarks.md). package.json gives `mlflow-kserve --version`; THIRD-PARTY-LICENSES.txt holds the
# bundled packages' licences.
COPY --from=build /src/packages/cli/package.json ./
COPY --from=build /src/packages/cli/bundle/ bundle/
# Node's compile cache for the bundle, made here with the Node binary and flags of the ENTRYPOINT — for the entry
# (`--version` loads it) and for every chunk (loaded on demand: the Kubernetes client, the renderer, …): `serve`
# starts about 80 ms sooner (docs/benchmarks.md). Read-only at run time; Node only reads it.
RUN mkdir -p /app/compile-cache && NODE_COMPILE_CACHE=/app/compile-cache node --max-semi-space-size=4 --heap-growing-percent=50 /app/bundle/mlflow-kserve.mjs --version && NODE_COMPILE_CACHE=/app/compile-cache node --max-semi-space-size=4 --heap-growing-percent=50 --input-type=module -e "import { readdirSync } from 'node:fs'; for (const f of readdirSync('/app/bundle')) if (f.startsWith('chunk-')) await import('/app/bundle/' + f);" && chmod -R a+rX /app/compile-cache
ENV NODE_COMPILE_CACHE=/app/compile-cache
USER 10001:10001
EXPOSE 8000
# A 4 MB young generation and an old generation that grows by half its live size before a full collection
# (V8 otherwise lets it grow up to fourfold): RSS stays flat under load, for a few percent of throughput.
ENTRYPOINT ["node", "--max-semi-space-size=4", "--heap-growing-percent=50", "/app/bundle/mlflow-kserve.mjs"]
CMD ["serve"]
