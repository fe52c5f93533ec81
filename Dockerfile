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
RUN npx turbo run build --filter=@mlflow-kserve/cli...

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json /src/package-lock.json ./
COPY --from=build /src/packages/core/package.json packages/core/
COPY --from=build /src/packages/express-adapter/package.json packages/express-adapter/
COPY --from=build /src/packages/lambda-adapter/package.json packages/lambda-adapter/
COPY --from=build /src/packages/cli/package.json packages/cli/
COPY --from=build /src/examples/express-app/package.json examples/express-app/
COPY --from=build /src/examples/lambda/package.json examples/lambda/
COPY --from=build /src/examples/custom-tooling/package.json examples/custom-tooling/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
      --workspace=@mlflow-kserve/cli --include-workspace-root=false \
    && npm cache clean --force
COPY --from=build /src/packages/core/dist packages/core/dist
COPY --from=build /src/packages/express-adapter/dist packages/express-adapter/dist
COPY --from=build /src/packages/cli/dist packages/cli/dist
USER 10001:10001
EXPOSE 8000
ENTRYPOINT ["node", "/app/packages/cli/dist/bin.js"]
CMD ["serve"]
