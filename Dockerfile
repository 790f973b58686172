# premium-recon: a small image for the nightly job. Multi-stage: the TypeScript compile and the native
# better-sqlite3 build happen in the build stage (which has the compiler); the runtime stage gets the
# compiled code and production dependencies only, and runs as a non-root user.
#
#   docker build -t premium-recon .
#   docker run --rm -v recon-data:/data -v /srv/inbox:/inbox:ro -v recon-out:/out premium-recon
#   docker run --rm ... premium-recon --as-of 2023-03-15      # redo a past night by hand
#
# The entry point is jobs/nightly.sh, which runs `recon run --inbox /inbox --out /out/latest --db /data/recon.sqlite`.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
# npm ci compiles better-sqlite3 (or fetches its prebuilt binary) and, through `prepare`, the TypeScript.
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/src/policy/data ./src/policy/data
COPY jobs ./jobs
# uid/gid 10001 match the CronJob's securityContext (jobs/cronjob.yaml). /data and /out are the user's
# own and owner-only; /inbox is mounted read-only. `recon` is on the PATH for `kubectl exec ... recon explain`.
RUN groupadd --system --gid 10001 recon && useradd --system --uid 10001 --gid recon --home-dir /app recon \
 && mkdir -p /data /inbox /out && chown recon:recon /data /out && chmod 0700 /data /out \
 && chmod 0755 /app/jobs/nightly.sh /app/bin/recon.js && ln -s /app/bin/recon.js /usr/local/bin/recon
USER recon
VOLUME ["/data", "/inbox", "/out"]
ENTRYPOINT ["/app/jobs/nightly.sh"]
