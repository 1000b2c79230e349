using HnlService.Api.Contracts;
using HnlService.Api.Errors;
using HnlService.Api.Storage;
using HnlService.Infrastructure.Persistence;
using HnlService.Infrastructure.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HnlService.Api.Datasets;

/// <summary>/api/datasets: upload, list, read and delete datasets.</summary>
public static partial class DatasetEndpoints
{
    private const string LogCategory = "HnlService.Api.Datasets";

    public static IEndpointRouteBuilder MapDatasetEndpoints(this IEndpointRouteBuilder routes)
    {
        var datasets = routes.MapGroup("/api/datasets").WithTags("Datasets");
        datasets.MapPost("/", UploadAsync)
            .WithSummary("Upload a Parquet or CSV dataset (multipart with a 'file' part, or a raw body)")
            .DisableAntiforgery();
        datasets.MapGet("/", ListAsync).WithSummary("List datasets, newest first");
        datasets.MapGet("/{id:guid}", GetAsync).WithSummary("One dataset with its schema and summary");
        datasets.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Delete a dataset that no analysis uses; its file is freed when no other dataset has the same content");
        return routes;
    }

    private static async Task<Created<DatasetResponse>> UploadAsync(HttpContext httpContext, DatasetUploadHandler handler, CancellationToken cancellationToken)
    {
        var dataset = await handler.UploadAsync(httpContext, cancellationToken);
        return TypedResults.Created($"/api/datasets/{dataset.Id}", DatasetResponse.From(dataset));
    }

    private static async Task<Ok<List<DatasetResponse>>> ListAsync(HnlDbContext context, CancellationToken cancellationToken)
    {
        var datasets = await context.Datasets.AsNoTracking().OrderByDescending(d => d.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(datasets.Select(DatasetResponse.From).ToList());
    }

    private static async Task<NoContent> DeleteAsync(
        Guid id, HnlDbContext context, StoredFileSweeper sweeper, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var dataset = await context.Datasets.SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new ResourceNotFoundException($"Dataset {id} was not found.");
        await EnsureUnusedAsync(context, id, cancellationToken);

        var freed = await StoredRowDeletion.DeleteAsync(
            context, dataset, () => EnsureUnusedAsync(context, id, cancellationToken), [dataset.StoredPath], sweeper, cancellationToken);
        LogDeleted(loggerFactory.CreateLogger(LogCategory), id, freed);
        return TypedResults.NoContent();
    }

    private static async Task EnsureUnusedAsync(HnlDbContext context, Guid id, CancellationToken cancellationToken)
    {
        var analyses = await context.Analyses.Where(a => a.DatasetId == id).Select(a => a.Id).ToListAsync(cancellationToken);
        if (analyses.Count > 0)
        {
            throw new ResourceConflictException(
                "dataset-in-use",
                $"Dataset {id} is used by {analyses.Count} analyses ({InUse.List(analyses)}); delete them first (DELETE /api/analyses/{{id}}).");
        }
    }

    private static async Task<Ok<DatasetResponse>> GetAsync(Guid id, HnlDbContext context, CancellationToken cancellationToken)
    {
        var dataset = await context.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new ResourceNotFoundException($"Dataset {id} was not found.");
        return TypedResults.Ok(DatasetResponse.From(dataset));
    }

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Dataset {DatasetId} deleted; {FreedFiles} stored files freed")]
    private static partial void LogDeleted(ILogger logger, Guid datasetId, int freedFiles);
}
