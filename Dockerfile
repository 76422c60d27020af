# syntax=docker/dockerfile:1
#
# MetaAccess Exporter container image.
#
#   docker build -t metaaccess-exporter .
#   docker run --rm -p 9713:9713 metaaccess-exporter --demo
#
# Build stage: the full SDK. Project files and the central props are copied before the sources so
# that `dotnet restore` is cached as its own layer and only re-runs when a dependency changes.
# Every path below mirrors the repository layout under /src, so the RUN lines work unchanged from
# the repository root (tests/MetaAccessExporter.DeploymentTests runs the publish line that way).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG VERSION=0.1.0
ARG REVISION=unknown
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/MetaAccess.Simulator/MetaAccess.Simulator.csproj src/MetaAccess.Simulator/
COPY src/MetaAccessExporter/MetaAccessExporter.csproj src/MetaAccessExporter/
RUN dotnet restore src/MetaAccessExporter/MetaAccessExporter.csproj
COPY src/ src/
RUN dotnet publish src/MetaAccessExporter/MetaAccessExporter.csproj --no-restore -c Release -o /app/publish -p:UseAppHost=false -p:Version=${VERSION} -p:SourceRevisionId=${REVISION}
# The state directory is created here because the chiseled runtime image has no shell to mkdir it.
RUN mkdir -p /app/state

# Runtime stage: ASP.NET Core on Ubuntu "chiseled" (no shell, no package manager, ~110 MB),
# running as the image's non-root `app` user (UID/GID 1654, $APP_UID).
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
# Pass --build-arg SOURCE=<repository URL> (and VERSION, REVISION, CREATED) when publishing an image.
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="MetaAccess Exporter" \
      org.opencontainers.image.description="Prometheus exporter for OPSWAT MetaAccess: fleet compliance aggregates and per-device series" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.base.name="mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled"
WORKDIR /app
COPY --from=build /app/publish ./
# Owned by the non-root user so that a fresh named volume is writable (Docker copies the image
# directory's ownership into a new volume).
COPY --from=build --chown=1654:1654 /app/state /var/lib/metaaccess-exporter
ENV ASPNETCORE_URLS=http://+:9713 \
    Exporter__StatePath=/var/lib/metaaccess-exporter
USER 1654:1654
EXPOSE 9713
VOLUME /var/lib/metaaccess-exporter
# No curl in this image: the exporter probes itself (GET http://127.0.0.1:9713/healthz, exit 0 on 200).
# If you change the port with ASPNETCORE_URLS, pass the new URL to --probe in your own healthcheck; with TLS
# (--web.config.file), pass https://127.0.0.1:9713/healthz (docs/security.md).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "MetaAccessExporter.dll", "--probe"]
ENTRYPOINT ["dotnet", "MetaAccessExporter.dll"]
