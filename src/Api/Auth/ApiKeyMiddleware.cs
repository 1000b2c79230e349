namespace HnlService.Api.Auth;

/// <summary>
/// Requires a valid X-Api-Key on /api/* when keys are configured. Share-token reads (/api/shared/*),
/// the share page, static files and /health stay public.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyValidator validator)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!validator.IsEnabled || !RequiresKey(context.Request.Path) || validator.IsValid(context.Request))
        {
            await next(context);
            return;
        }

        await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: $"A valid {ApiKeyValidator.HeaderName} header is required for {context.Request.Path}.",
                extensions: new Dictionary<string, object?> { ["code"] = "invalid-api-key" })
            .ExecuteAsync(context);
    }

    private static bool RequiresKey(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/api/shared", StringComparison.OrdinalIgnoreCase);
}
