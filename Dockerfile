# Terminology server image: `docker compose up` builds it (see docker-compose.yml), or
#   docker build -t terminology-server . && docker run -p 5000:8080 terminology-server
# global.json is deliberately not copied: it pins the SDK feature band used on developer machines, while the
# sdk:10.0 image carries the 10.0.1xx band.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY Directory.Build.props Directory.Packages.props ./
COPY src/ src/
RUN dotnet publish src/TerminologyServer.Api/TerminologyServer.Api.csproj \
        --configuration Release --output /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY fhir-resources/ ./fhir-resources/
# The SQLite default provider writes under Storage:DataFolder; give the non-root user a folder it owns.
RUN mkdir -p /data && chown "$APP_UID" /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Storage__DataFolder=/data
EXPOSE 8080
VOLUME /data
USER $APP_UID
ENTRYPOINT ["dotnet", "TerminologyServer.Api.dll"]
