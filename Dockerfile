# One image for the worker and the API; docker-compose.yml picks the command.
# Build stage: all dependencies, compile TypeScript to dist/ and prebuild the workflow bundle.
# Node 24: the current LTS line (the tests run on Node >= 20.3, see package.json engines).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY common ./common
COPY activities ./activities
COPY workflows ./workflows
COPY workers ./workers
COPY api ./api
# The web app under /app/: bundled by esbuild into web/dist, served from dist/web/dist.
COPY web ./web
COPY scripts/build-web.ts ./scripts/
RUN node_modules/.bin/tsx scripts/build-web.ts
# The web app's toolchain and libraries (esbuild, tsx, react, the design system) are devDependencies:
# the API serves the prebuilt web/dist, so the runtime image keeps the production dependencies only.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: compiled code and production dependencies only, run as the unprivileged node user.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production OPS_HOST=0.0.0.0
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/web/dist ./dist/web/dist
# The file-backed development adapters write here (a named volume in docker-compose.yml).
RUN mkdir /data && chown node:node /data
USER node
EXPOSE 3000 9464 9465 9466
CMD ["node", "dist/workers/main.js"]
