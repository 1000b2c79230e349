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
            var page = environment.WebRootFileProvider.GetFileInfo(PageFileName);
            if (page is not { Exists: true, PhysicalPath: { } path })
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The page {PageFileName} is not built into wwwroot.");
            }

            // An unknown token still gets the page, with status 404, so a person who opens a stale link
            // reads the page's explanation instead of a JSON problem.
            var known = await reader.ShareTokenExistsAsync(token, ct);
            return known
                ? Results.File(path, "text/html; charset=utf-8")
                : Results.Content(await File.ReadAllTextAsync(path, ct), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }).WithTags("Shared").WithSummary("The read-only page of one analysis").ExcludeFromDescription();
        return routes;
    }
}
