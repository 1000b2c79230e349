using HnlService.Api.Analyses;

namespace HnlService.Api.Hosting;

/// <summary>GET /s/{token}: the read-only analysis page (wwwroot/analysis.html) for anyone holding the link.</summary>
public static class SharePageEndpoints
{
    public const string PageFileName = "analysis.html";

    public static IEndpointRouteBuilder MapSharePage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/s/{token}", async (string token, IWebHostEnvironment environment, AnalysisReader reader, CancellationToken ct) =>
        {
            // Throws ResourceNotFoundException, answered with 404, for an unknown token.
            await reader.GetByShareTokenAsync(token, ct);
            var page = environment.WebRootFileProvider.GetFileInfo(PageFileName);
            return page is { Exists: true, PhysicalPath: { } path }
                ? Results.File(path, "text/html; charset=utf-8")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The page {PageFileName} is not built into wwwroot.");
        }).WithTags("Shared").WithSummary("The read-only page of one analysis").ExcludeFromDescription();
        return routes;
    }
}
