using System.Text.Json;
using System.Text.Json.Serialization;
using Hangfire;
using HnlService.Api.Analyses;
using HnlService.Api.Auth;
using HnlService.Api.Datasets;
using HnlService.Api.Errors;
using HnlService.Api.Health;
using HnlService.Api.Hosting;
using HnlService.Api.Models;
using HnlService.Infrastructure.Hosting;

namespace HnlService.Api;

/// <summary>Registers and wires the web layer: endpoints, JSON, errors, API keys, Swagger, dashboard and static pages.</summary>
public static class DependencyInjection
{
    /// <summary>Address used when no URL is configured, so that a bare `dotnet run` serves on a known port.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplicationBuilder AddApiServices(this WebApplicationBuilder builder)
    {
        UseDefaultUrlWhenNoneConfigured(builder);
        RaiseKestrelBodyLimit(builder);

        var services = builder.Services;
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));

            // A misspelt field such as "formla" must be an error, not a silently applied default.
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen();

        // The jobs dashboard accepts Basic credentials, which browsers resend on their own, so its POST
        // actions need the antiforgery check Hangfire applies when IAntiforgery is registered.
        services.AddAntiforgery();
        services.AddSingleton<ApiKeyValidator>();
        services.AddScoped<AnalysisSpecValidator>();
        services.AddScoped<AnalysisCommands>();
        services.AddScoped<AnalysisReader>();
        services.AddScoped<DatasetUploadHandler>();
        services.AddScoped<ModelUploadHandler>();
        return builder;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseSwagger();
        app.UseSwaggerUI();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new DashboardAccessFilter(app.Services.GetRequiredService<ApiKeyValidator>())],
            DashboardTitle = "HnlService jobs",
        });

        app.MapHealthEndpoints();
        app.MapDatasetEndpoints();
        app.MapModelEndpoints();
        app.MapAnalysisEndpoints();
        app.MapSharePage();
        app.MapFallback("/api/{**path}", UnknownApiPath);
        return app;
    }

    // Without this, a malformed id such as /api/datasets/not-a-guid fails the route constraint and gets a bare 404.
    private static IResult UnknownApiPath(HttpContext httpContext) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: $"No API endpoint matches {httpContext.Request.Method} {httpContext.Request.Path}. Ids in paths are GUIDs; /swagger lists the endpoints.",
        extensions: new Dictionary<string, object?> { ["code"] = "not-found" });

    private static void UseDefaultUrlWhenNoneConfigured(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var configured = !string.IsNullOrEmpty(configuration["urls"])
            || !string.IsNullOrEmpty(configuration["http_ports"])
            || !string.IsNullOrEmpty(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!configured)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
    }

    private static void RaiseKestrelBodyLimit(WebApplicationBuilder builder)
    {
        // Kestrel's global limit must admit the largest upload; each upload endpoint lowers it to its own limit.
        var upload = builder.Configuration.GetSection(ConfigurationSections.Upload).Get<UploadOptions>() ?? new UploadOptions();
        var largest = Math.Max(upload.MaxDatasetBytes, upload.MaxModelBytes) + Uploads.UploadLimits.EnvelopeBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = largest);
    }
}
