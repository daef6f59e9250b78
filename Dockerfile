# syntax=docker/dockerfile:1.7
# One image per back-end app of the monorepo, all from this file:
#   docker build --build-arg APP=registry -t profila/registry .
# docker-compose.yml builds every app this way. Stages:
#   manifests  the package.json files only, so `npm ci` is cached until a dependency changes
#   build      npm ci, SWC build of libs and apps, Vite build of both UIs, prune of dev dependencies
#              (no ARG APP here: the stage is built once and shared by every app's image)
#   app        picks the files one app needs at run time
#   runtime    node, non-root, read-only friendly, with a HEALTHCHECK

ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-slim AS manifests
WORKDIR /src
COPY . .
RUN mkdir -p /out \
 && cp package.json package-lock.json /out/ \
 && for f in libs/*/package.json; do mkdir -p "/out/$(dirname "$f")" && cp "$f" "/out/$f"; done

FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
ENV CI=true
COPY --from=manifests /out/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN node scripts/build.mjs && npm run build:ui
RUN npm prune --omit=dev --no-audit --no-fund

FROM build AS app
ARG APP
RUN test -n "$APP" || { echo 'build with --build-arg APP=<app>, e.g. APP=registry' >&2; exit 1; } \
 && test -f "dist/apps/$APP/main.js" || { echo "dist/apps/$APP/main.js missing: is '$APP' in nest-cli.json?" >&2; exit 1; }
# Same layout as the work tree, so paths resolved from the working directory hold in both run modes.
RUN mkdir -p /out/dist/apps /out/apps /out/libs \
 && cp -a package.json node_modules /out/ \
 && cp -a "dist/apps/$APP" /out/dist/apps/ \
 && for d in libs/*; do mkdir -p "/out/$d" && cp -a "$d/package.json" "$d/dist" "/out/$d/"; done \
 && cp -a "apps/$APP" /out/apps/ && rm -rf "/out/apps/$APP/test" \
 && if [ "$APP" = gateway ]; then \
      for ui in web backoffice; do mkdir -p "/out/apps/$ui" && cp -a "apps/$ui/dist" "/out/apps/$ui/"; done; \
    fi \
 && if [ "$APP" = migration ]; then mkdir -p /out/dist/apps/registry \
      && cp -a dist/apps/registry/legacy-import dist/apps/registry/reference-data dist/apps/registry/database \
           dist/apps/registry/domain dist/apps/registry/config /out/dist/apps/registry/; \
    fi \
 && node --input-type=module -e " \
      try { const { DEFAULT_PORTS } = await import('@profila/platform'); console.log(DEFAULT_PORTS[process.env.APP] ?? ''); } \
      catch { console.log(''); }" > /out/default-port
COPY <<'EOF' /out/healthcheck.mjs
// HEALTHCHECK of the image: GET <path> (default /health/live) on the app's port; exit 0 on a 2xx answer.
import { readFileSync } from 'node:fs';
const port = process.env.PORT || readFileSync(new URL('./default-port', import.meta.url), 'utf8').trim();
const path = process.argv[2] ?? '/health/live';
try {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(4000) });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}
EOF

FROM node:${NODE_VERSION}-slim AS runtime
ARG APP
LABEL org.opencontainers.image.title="profila-${APP}" \
      org.opencontainers.image.description="Profila ${APP} service"
ENV NODE_ENV=production \
    APP=${APP} \
    HOST=0.0.0.0 \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# Files stay owned by root: the app only reads them (readOnlyRootFilesystem in k8s; /tmp is a volume).
COPY --from=app /out/ ./
# Numeric user (the image's `node` user), so that Kubernetes can verify runAsNonRoot.
USER 1000:1000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["node", "/app/healthcheck.mjs"]
# Shell form so that APP (an ARG made ENV above) is expanded; exec keeps node as the process that gets SIGTERM.
CMD exec node "dist/apps/${APP}/main.js"
