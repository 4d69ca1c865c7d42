# 一件事 Bundle Studio — the server and the built studio in one image.
# Build: docker build -t yijianshi .   Run with PostgreSQL: see compose.yaml and the README.

# Stage 1: install everything, build the studio's front end, then keep only the production dependencies.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Stage 2: Node 24 runs the server's TypeScript directly (type stripping), as the unprivileged `node` user.
FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/data STUDIO_DIR=/app/dist/studio
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/server ./server
COPY --from=build --chown=node:node /app/schemas ./schemas
COPY --from=build --chown=node:node /app/bundles ./bundles
COPY --from=build --chown=node:node /app/dist/studio ./dist/studio
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080
# the orchestrator's SIGTERM drains requests in flight (SHUTDOWN_TIMEOUT_MS) before the process ends
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s \
  CMD node -e "fetch('http://127.0.0.1:8080/api/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "server/main.ts"]
