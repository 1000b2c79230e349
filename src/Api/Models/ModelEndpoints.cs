using HnlService.Api.Contracts;
using HnlService.Api.Errors;
using HnlService.Api.Storage;
using HnlService.Infrastructure.Persistence;
using HnlService.Infrastructure.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HnlService.Api.Models;

/// <summary>/api/models: upload, list, read and delete models.</summary>
public static partial class ModelEndpoints
{
    private const string LogCategory = "HnlService.Api.Models";

    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder routes)
    {
        var models = routes.MapGroup("/api/models").WithTags("Models");
        models.MapPost("/", UploadAsync)
            .WithSummary("Upload ONNX files ('files' parts) with a 'manifest' field")
            .DisableAntiforgery();
        models.MapGet("/", ListAsync).WithSummary("List models, newest first");
        models.MapGet("/{id:guid}", GetAsync).WithSummary("One model with its manifest and files");
        models.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Delete a model that no analysis uses; its files are freed when no other model has the same content");
        return routes;
    }

    private static async Task<Created<ModelResponse>> UploadAsync(HttpContext httpContext, ModelUploadHandler handler, CancellationToken cancellationToken)
    {
        var model = await handler.UploadAsync(httpContext, cancellationToken);
        return TypedResults.Created($"/api/models/{model.Id}", ModelResponse.From(model));
    }

    private static async Task<Ok<List<ModelResponse>>> ListAsync(HnlDbContext context, CancellationToken cancellationToken)
    {
        var models = await context.Models.AsNoTracking().Include(m => m.Files).OrderByDescending(m => m.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(models.Select(ModelResponse.From).ToList());
    }

    private static async Task<NoContent> DeleteAsync(
        Guid id, HnlDbContext context, StoredFileSweeper sweeper, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var model = await context.Models.Include(m => m.Files).SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new ResourceNotFoundException($"Model {id} was not found.");
        await EnsureUnusedAsync(context, id, cancellationToken);

        var storedPaths = model.Files.Select(file => file.StoredPath).ToList();
        var freed = await StoredRowDeletion.DeleteAsync(
            context, model, () => EnsureUnusedAsync(context, id, cancellationToken), storedPaths, sweeper, cancellationToken);
        LogDeleted(loggerFactory.CreateLogger(LogCategory), id, freed);
        return TypedResults.NoContent();
    }

    private static async Task EnsureUnusedAsync(HnlDbContext context, Guid id, CancellationToken cancellationToken)
    {
        var analyses = await context.AnalysisDiscriminants.Where(d => d.ModelId == id).Select(d => d.AnalysisId).Distinct().ToListAsync(cancellationToken);
        if (analyses.Count > 0)
        {
            throw new ResourceConflictException(
                "model-in-use",
                $"Model {id} is used by {analyses.Count} analyses ({InUse.List(analyses)}); delete them first (DELETE /api/analyses/{{id}}).");
        }
    }

    private static async Task<Ok<ModelResponse>> GetAsync(Guid id, HnlDbContext context, CancellationToken cancellationToken)
    {
        var model = await context.Models.AsNoTracking().Include(m => m.Files).SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new ResourceNotFoundException($"Model {id} was not found.");
        return TypedResults.Ok(ModelResponse.From(model));
    }

    [LoggerMessage(EventId = 3302, Level = LogLevel.Information, Message = "Model {ModelId} deleted; {FreedFiles} stored files freed")]
    private static partial void LogDeleted(ILogger logger, Guid modelId, int freedFiles);
}
