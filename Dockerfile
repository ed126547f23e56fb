# One image for the worker and the API; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY common ./common
COPY activities ./activities
COPY workflows ./workflows
COPY workers ./workers
COPY api ./api
# The file-backed development adapters write here (a named volume in docker-compose.yml).
RUN mkdir /data && chown node:node /data
USER node
CMD ["npx", "tsx", "workers/main.ts"]
