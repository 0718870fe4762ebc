# Production image of the case service: one image, two roles.
#   api:    npm run api     (the default CMD)
#   worker: npm run worker
# TypeScript runs through tsx (a runtime dependency), so there is no build step.
FROM node:20-bookworm-slim

WORKDIR /app

ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    SCARF_ANALYTICS=false

# Dependencies first, so this layer is cached until package*.json change.
# `npm install`, not `npm ci`: the lockfile is written on linux-x64 and lacks
# other platforms' optional packages (e.g. esbuild's), which `npm ci` refuses.
# Only `dependencies`: everything the api and the worker import is there,
# tsx included, so the linters, vitest and typescript stay out of the image.
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund \
    && npm cache clean --force

# Sources (only what the api and the worker run).
COPY tsconfig.json ./
COPY bin ./bin
COPY domain ./domain
COPY workflows ./workflows
COPY activities ./activities
COPY api ./api
COPY db ./db
COPY runtime ./runtime

ENV NODE_ENV=production

# Run as the unprivileged `node` user the image ships with (uid/gid 1000,
# numeric so runtimes can check it is not root). The code and node_modules stay
# root-owned: the service reads them and never writes under /app (tsx keeps its
# cache in the system temp directory).
USER 1000:1000

EXPOSE 3000

CMD ["npm", "run", "api"]
