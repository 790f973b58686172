# premium-recon: a small image for the nightly job. Multi-stage: the native better-sqlite3 module and the
# TypeScript compile happen in the build stage; the runtime stage gets production dependencies only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
RUN npm ci && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/src/policy/data ./src/policy/data
RUN groupadd --system recon && useradd --system --gid recon --home-dir /app recon \
 && mkdir -p /data /inbox /out && chown recon:recon /data /out && chmod 0700 /data /out
USER recon
VOLUME ["/data", "/inbox", "/out"]
ENTRYPOINT ["node", "/app/bin/recon.js"]
CMD ["ingest", "--db", "/data/recon.sqlite", "/inbox"]
