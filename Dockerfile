# The `platform` executable (serve, silo, api) for Kubernetes; helm/platform runs it. Not built in CI: no container
# engine runs there. Build: docker build -t REGISTRY/platform:TAG .
#
# Runs as the runtime image's non-root `app` user (uid 1654, which the chart's securityContext names) and writes
# nothing outside /tmp and the Hugging Face cache, so it works with a read-only root filesystem.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Published builds are ReadyToRun (Silo.csproj), compiled for one runtime: linux-arm64 for an Arm image.
ARG RID=linux-x64
WORKDIR /src
# Project files first: the restore layer is reused until a dependency changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY Kernels/Kernels.csproj Kernels/
COPY Engine/Engine.csproj Engine/
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Grains.csproj Grains/
COPY Postgres/Postgres.csproj Postgres/
COPY Api/Api.csproj Api/
COPY Silo/Silo.csproj Silo/
RUN dotnet restore Silo/Silo.csproj -r "$RID"
COPY Kernels/ Kernels/
COPY Engine/ Engine/
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Postgres/ Postgres/
COPY Api/ Api/
COPY Silo/ Silo/
RUN dotnet publish Silo/Silo.csproj -c Release -r "$RID" --self-contained false -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The Hugging Face cache: a volume in Kubernetes; owned by the app user for a plain `docker run`.
RUN mkdir -p /var/cache/huggingface && chown "$APP_UID:$APP_UID" /var/cache/huggingface
ENV HF_HOME=/var/cache/huggingface
USER $APP_UID
# API (serve, api), silo HTTP (/health, /metrics), silo to silo, gateway.
EXPOSE 8000 8001 11111 30000
ENTRYPOINT ["dotnet", "/app/platform.dll"]
CMD ["serve", "--host", "0.0.0.0"]
