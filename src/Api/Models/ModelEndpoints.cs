using HnlService.Api.Contracts;
using HnlService.Api.Errors;
using HnlService.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HnlService.Api.Models;

/// <summary>/api/models: upload, list and read models.</summary>
public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder routes)
    {
        var models = routes.MapGroup("/api/models").WithTags("Models");
        models.MapPost("/", UploadAsync)
            .WithSummary("Upload ONNX files ('files' parts) with a 'manifest' field")
            .DisableAntiforgery();
        models.MapGet("/", ListAsync).WithSummary("List models, newest first");
        models.MapGet("/{id:guid}", GetAsync).WithSummary("One model with its manifest and files");
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

    private static async Task<Ok<ModelResponse>> GetAsync(Guid id, HnlDbContext context, CancellationToken cancellationToken)
    {
        var model = await context.Models.AsNoTracking().Include(m => m.Files).SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new ResourceNotFoundException($"Model {id} was not found.");
        return TypedResults.Ok(ModelResponse.From(model));
    }
}
