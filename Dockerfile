# syntax=docker/dockerfile:1
# Entra identity sidecar image. Two stages: the build stage has the dev toolchain (Nest CLI, rspack,
# TypeScript); the runtime stage has the bundled dist/ output, which carries its packages, and the production
# dependencies, of which only Swagger UI's files (Development) are still read from node_modules.
# Override the Node line with --build-arg NODE_VERSION=26; the runtime must stay on an LTS line.
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-trixie-slim AS build
WORKDIR /src
# Lockfile first so the dependency layer is cached until package*.json change.
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency needs an install hook (prebuilt binaries come from optional deps),
# and npm 11 blocks most of them anyway; being explicit keeps the build the same on every npm version.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:${NODE_VERSION}-trixie-slim AS runtime
ENV NODE_ENV=production
# /app is where operators mount appsettings.json / appsettings.{Environment}.json: the sidecar reads them
# from its working directory, as the reference container does.
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /src/dist ./dist
# Non-root "app" user with the reference image's uid 1654, so securityContext.runAsUser / fsGroup values
# written for the reference keep working. /certs is the conventional mount point for CA bundles and
# certificates; it is owned by the app so a named volume mounted there is writable (docker-compose's
# emulator writes its CA into it).
RUN groupadd --system --gid 1654 app \
 && useradd --system --uid 1654 --gid app --no-create-home --shell /usr/sbin/nologin app \
 && mkdir /certs && chown app:app /certs \
 && mkdir dist/apps/sidecar/compile-cache && chown app:app dist/apps/sidecar/compile-cache
# Numeric, so Kubernetes runAsNonRoot can verify it without reading /etc/passwd.
USER 1654:1654
# Node's compile cache of the bundle, written once here, so every container starts with it, read-only root file
# system or not (docs/deployment.md, Start-up). Node keeps it per user and per node flags: same user, CMD's flags.
# Then it belongs to root like the code, so the sidecar can read it but never change what a later start runs.
RUN node --no-allocation-site-pretenuring --max-semi-space-size=4 dist/apps/sidecar/main.js --compile-cache-only
USER root
RUN chown -R root:root dist/apps/sidecar/compile-cache && chmod -R a+rX,go-w dist/apps/sidecar/compile-cache
USER 1654:1654
# The reference image inherits ASP.NET's 8080, but every doc, SDK and sample uses 5000; so is our default.
EXPOSE 5000
# Slim images have no curl: probe with node itself, on loopback, on the port ASPNETCORE_URLS or
# ASPNETCORE_HTTP_PORTS chose (5000 by default). /healthz is reachable in every environment.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "const e=process.env,u=(e.Kestrel__Endpoints__Http__Url||e.ASPNETCORE_URLS||'').split(';')[0],p=(u.match(/:(\\d+)\\/?$/)||[])[1]||(e.ASPNETCORE_HTTP_PORTS||'').split(/[;,]/)[0]||5000;fetch('http://127.0.0.1:'+p+'/healthz',{signal:AbortSignal.timeout(2500)}).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"]
# V8 allocation-site pretenuring off: under downstream load it can move a per-request object into the old
# generation for good, which then keeps every request's young objects alive (docs/performance.md, V8 flags).
# It must be on node's command line: NODE_OPTIONS refuses V8 flags of this kind.
CMD ["node", "--no-allocation-site-pretenuring", "--max-semi-space-size=4", "dist/apps/sidecar/main.js"]
