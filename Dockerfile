# Production image of the case service: one image, two roles, compiled JavaScript on Node 24 LTS.
#   api:    node dist/bin/main.js api     (the default CMD)
#   worker: node dist/bin/main.js worker
# The worker loads the workflow bundle built here (dist/workflow-bundle.js): the code the replay
# tests check, never bundled at start.

# ---- build: every dependency, compile to dist/, bundle the workflows, build the console
FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    SCARF_ANALYTICS=false
# `npm install`, not `npm ci`: the lockfile is written on linux-x64 and may lack other platforms'
# optional packages, which `npm ci` refuses. --ignore-scripts: `prepare` would fetch the Temporal
# binaries, which only development and the tests need; the build runs explicitly below.
COPY package.json package-lock.json ./
RUN npm install --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY domain ./domain
COPY workflows ./workflows
COPY activities ./activities
COPY api ./api
COPY db ./db
COPY platform ./platform
COPY dev ./dev
COPY app ./app
COPY bench/baseline ./bench/baseline
COPY scripts/build-workflow-bundle.ts scripts/generate-client.ts ./scripts/
COPY .prettierrc.json ./
COPY clients ./clients
COPY console ./console
RUN npm run build

# ---- runtime: production dependencies and the compiled output only
FROM node:24-bookworm-slim
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    SCARF_ANALYTICS=false \
    NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm install --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force
COPY --from=build /app/dist/bin ./dist/bin
COPY --from=build /app/dist/domain ./dist/domain
COPY --from=build /app/dist/workflows ./dist/workflows
COPY --from=build /app/dist/activities ./dist/activities
COPY --from=build /app/dist/api ./dist/api
COPY --from=build /app/dist/db ./dist/db
COPY --from=build /app/dist/platform ./dist/platform
COPY --from=build /app/dist/dev ./dist/dev
COPY --from=build /app/dist/app ./dist/app
COPY --from=build /app/dist/workflow-bundle.js ./dist/
COPY --from=build /app/dist/console ./dist/console

# Run as the unprivileged `node` user the image ships with (uid/gid 1000, numeric so runtimes can
# check it is not root). The code and node_modules stay root-owned: the service reads them and
# never writes under /app.
USER 1000:1000

EXPOSE 3000

# node itself as PID 1's child-free entry: SIGTERM reaches the service directly (no npm wrapper).
CMD ["node", "dist/bin/main.js", "api"]
