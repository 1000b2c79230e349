# One image for both processes: the api and worker services pick their entry point.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY . .
RUN dotnet publish src/Api -c Release -o /app/api \
 && dotnet publish src/Worker -c Release -o /app/worker

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app /app
ENV DataDirectory=/var/lib/hnlservice
VOLUME /var/lib/hnlservice
EXPOSE 5080
ENTRYPOINT ["dotnet", "/app/api/HnlService.Api.dll"]
