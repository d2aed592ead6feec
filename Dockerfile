# Gridwall API node: the server compiled to JavaScript (run by plain node) and the built web app.
#   docker build -t gridwall .
#   docker run -e GRIDWALL_DEMO_PASSWORD=… -e DATABASE_URL=postgres://… -p 8080:8080 gridwall
# Without DATABASE_URL it runs the embedded database in /data (mount a volume there to keep it).
# The command-line tools run the same way: docker run … gridwall node dist/server/scripts/import.js …
ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: every dependency, then the web app into dist/web and the server into dist/server ----------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No dependency needs its install script: the native parts (esbuild, rolldown, argon2) come as
# prebuilt optional packages, and the one other script only reports usage statistics.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build && npm run build:api

# --- deps: production dependencies only (the server's libraries; no tsx, vite or web libraries) --------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

# --- runtime ------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    GRIDWALL_DATA_DIR=/data \
    GRIDWALL_WEB_DIR=/app/dist/web
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
# dist/server holds the compiled modules with what they read beside them (migrations, workers, word lists).
COPY --from=build /app/dist/server ./dist/server
COPY --from=build /app/dist/web ./dist/web
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
# First start on an empty database builds the demo city before listening (about a minute and a half
# for the full city), hence the long start period.
HEALTHCHECK --interval=15s --timeout=5s --start-period=600s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself, with no npm wrapper in between, so SIGTERM reaches the server.
CMD ["node", "dist/server/api/server.js"]
