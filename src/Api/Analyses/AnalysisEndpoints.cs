using HnlService.Api.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HnlService.Api.Analyses;

/// <summary>/api/analyses and the public read-only mirrors under /api/shared/{token}.</summary>
public static class AnalysisEndpoints
{
    public static IEndpointRouteBuilder MapAnalysisEndpoints(this IEndpointRouteBuilder routes)
    {
        var analyses = routes.MapGroup("/api/analyses").WithTags("Analyses");
        analyses.MapPost("/", CreateAsync).WithSummary("Validate a spec, store it and enqueue the analysis");
        analyses.MapGet("/", ListAsync).WithSummary("List analyses, newest first");
        analyses.MapGet("/{id:guid}", GetAsync).WithSummary("Status, progress, stage, error and discriminants");
        analyses.MapGet("/{id:guid}/curves", async (Guid id, AnalysisReader reader, CancellationToken ct) =>
            TypedResults.Ok(await reader.GetCurvesAsync(await reader.GetAsync(id, ct), ct)));
        analyses.MapGet("/{id:guid}/histograms", async (Guid id, string? discriminant, string? channel, string? mass, AnalysisReader reader, CancellationToken ct) =>
            TypedResults.Ok(await reader.GetHistogramAsync(await reader.GetAsync(id, ct), discriminant, channel, mass, ct)));
        analyses.MapGet("/{id:guid}/export", async (Guid id, string? format, HttpRequest request, AnalysisReader reader, CancellationToken ct) =>
            await ExportAsync(await reader.GetAsync(id, ct), format, request, reader, ct));
        analyses.MapPost("/{id:guid}/cancel", async (Guid id, AnalysisCommands commands, CancellationToken ct) =>
        {
            await commands.CancelAsync(id, ct);
            return TypedResults.Accepted($"/api/analyses/{id}");
        });
        analyses.MapDelete("/{id:guid}", async (Guid id, AnalysisCommands commands, CancellationToken ct) =>
        {
            await commands.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });

        var shared = routes.MapGroup("/api/shared/{token}").WithTags("Shared");
        shared.MapGet("/", async (string token, HttpRequest request, AnalysisReader reader, CancellationToken ct) =>
            TypedResults.Ok(AnalysisResponse.From(await reader.GetByShareTokenAsync(token, ct), ShareTokens.ShareUrl(request, token))));
        shared.MapGet("/curves", async (string token, AnalysisReader reader, CancellationToken ct) =>
            TypedResults.Ok(await reader.GetCurvesAsync(await reader.GetByShareTokenAsync(token, ct), ct)));
        shared.MapGet("/histograms", async (string token, string? discriminant, string? channel, string? mass, AnalysisReader reader, CancellationToken ct) =>
            TypedResults.Ok(await reader.GetHistogramAsync(await reader.GetByShareTokenAsync(token, ct), discriminant, channel, mass, ct)));
        shared.MapGet("/export", async (string token, string? format, HttpRequest request, AnalysisReader reader, CancellationToken ct) =>
            await ExportAsync(await reader.GetByShareTokenAsync(token, ct), format, request, reader, ct));
        return routes;
    }

    private static async Task<Accepted<AnalysisResponse>> CreateAsync(
        AnalysisRequest body, HttpRequest request, AnalysisCommands commands, CancellationToken cancellationToken)
    {
        var analysis = await commands.CreateAsync(body, cancellationToken);
        return TypedResults.Accepted($"/api/analyses/{analysis.Id}", AnalysisResponse.From(analysis, ShareTokens.ShareUrl(request, analysis.ShareToken)));
    }

    private static async Task<Ok<List<AnalysisResponse>>> ListAsync(Guid? datasetId, HttpRequest request, AnalysisReader reader, CancellationToken cancellationToken)
    {
        var analyses = await reader.ListAsync(datasetId, cancellationToken);
        return TypedResults.Ok(analyses.Select(a => AnalysisResponse.From(a, ShareTokens.ShareUrl(request, a.ShareToken))).ToList());
    }

    private static async Task<Ok<AnalysisResponse>> GetAsync(Guid id, HttpRequest request, AnalysisReader reader, CancellationToken cancellationToken)
    {
        var analysis = await reader.GetAsync(id, cancellationToken);
        return TypedResults.Ok(AnalysisResponse.From(analysis, ShareTokens.ShareUrl(request, analysis.ShareToken)));
    }

    private static async Task<IResult> ExportAsync(
        Infrastructure.Persistence.AnalysisEntity analysis, string? format, HttpRequest request, AnalysisReader reader, CancellationToken cancellationToken)
    {
        if (format is not (null or "json" or "csv"))
        {
            throw Errors.RequestValidationException.For("format", "unknown-format", $"Export format '{format}' is unknown; use json or csv.");
        }

        var histograms = await reader.GetAllHistogramsAsync(analysis, cancellationToken);
        var fileName = $"analysis-{analysis.Id}";
        if (format == "csv")
        {
            return TypedResults.Text(AnalysisCsvExport.Write(histograms), "text/csv; charset=utf-8");
        }

        var curves = await reader.GetCurvesAsync(analysis, cancellationToken);
        var export = new ExportResponse(AnalysisResponse.From(analysis, ShareTokens.ShareUrl(request, analysis.ShareToken)), curves, histograms);
        request.HttpContext.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}.json\"";
        return TypedResults.Json(export);
    }
}
