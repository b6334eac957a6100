# One container for Google Cloud Run: the Nuxt server (Nitro's node-server output) and nothing else.
# Secrets never enter the image: Cloud Run passes them as NUXT_* environment variables at run time
# (the secret key from Secret Manager); see cloudbuild.yaml and docs/deploy.md.

# The Node release the lockfile's `node` devDependency resolves to; bump both together.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NUXT_TELEMETRY_DISABLED=1 \
    CLERK_TELEMETRY_DISABLED=1
# Manifests first, so this layer (the slow one) is rebuilt only when dependencies change. The
# emulator's manifest is there because it is an npm workspace listed in the lockfile.
COPY package.json package-lock.json ./
COPY emulator/package.json emulator/
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# NITRO_SHUTDOWN_TIMEOUT: on SIGTERM Nitro drains in-flight requests for at most this long; Cloud
# Run kills the container 10 s after SIGTERM. PORT is only a default: Cloud Run sets its own.
ENV NODE_ENV=production \
    NITRO_SHUTDOWN_TIMEOUT=8000 \
    PORT=8080 \
    NUXT_TELEMETRY_DISABLED=1 \
    CLERK_TELEMETRY_DISABLED=1
# The server bundle is self-contained (.output/server/node_modules holds what it imports); it stays
# owned by root so the app cannot rewrite its own code.
COPY --from=build /app/.output ./.output
USER node
EXPOSE 8080
CMD ["node", ".output/server/index.mjs"]
