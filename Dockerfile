# syntax=docker/dockerfile:1
# Carnet: one image, built once, run anywhere (the address, database and secrets are given at start).
#   docker build -t carnet .
#   docker run -p 3000:3000 -v carnet-data:/app/data -e ROOT_DOMAIN=carnet.example -e PUBLIC_PROTOCOL=https -e AUTH_SECRET=… carnet
# The container migrates nothing on its own: run `npm run db:migrate` once per upgrade (compose.yaml does).

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:20-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 DATABASE_URL=file:./data/carnet.db MEDIA_DIR=data/uploads
# The built app with its production dependencies (tsx among them: the server, migrations and worker
# load Carnet's TypeScript modules through it).
COPY --from=build --chown=node:node /app ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["npm", "run", "serve"]
