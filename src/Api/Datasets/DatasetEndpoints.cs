using HnlService.Api.Contracts;
using HnlService.Api.Errors;
using HnlService.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HnlService.Api.Datasets;

/// <summary>/api/datasets: upload, list and read datasets.</summary>
public static class DatasetEndpoints
{
    public static IEndpointRouteBuilder MapDatasetEndpoints(this IEndpointRouteBuilder routes)
    {
        var datasets = routes.MapGroup("/api/datasets").WithTags("Datasets");
        datasets.MapPost("/", UploadAsync)
            .WithSummary("Upload a Parquet or CSV dataset (multipart with a 'file' part, or a raw body)")
            .DisableAntiforgery();
        datasets.MapGet("/", ListAsync).WithSummary("List datasets, newest first");
        datasets.MapGet("/{id:guid}", GetAsync).WithSummary("One dataset with its schema and summary");
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

    private static async Task<Ok<DatasetResponse>> GetAsync(Guid id, HnlDbContext context, CancellationToken cancellationToken)
    {
        var dataset = await context.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new ResourceNotFoundException($"Dataset {id} was not found.");
        return TypedResults.Ok(DatasetResponse.From(dataset));
    }
}
