using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hangfire.Dashboard;

namespace HnlService.Api.Auth;

/// <summary>
/// Opens the Hangfire dashboard to requests from the loopback address and, when keys are configured, to
/// requests with a valid X-Api-Key or with HTTP Basic credentials whose password is a valid key (any user
/// name). Everyone else gets 401, with a Basic challenge when keys are configured.
/// </summary>
/// <remarks>
/// Why Basic: a browser cannot add X-Api-Key to the dashboard's own background requests, but after the
/// challenge it prompts for a user name and password once and sends them with every later dashboard request.
/// Like X-Api-Key, the credentials are readable on the wire without HTTPS.
/// </remarks>
public sealed class DashboardAccessFilter(ApiKeyValidator validator) : IDashboardAuthorizationFilter
{
    private const string Challenge = "Basic realm=\"HnlService jobs\", charset=\"UTF-8\"";

    public bool Authorize(DashboardContext context)
    {
        var httpContext = context.GetHttpContext();
        if (IsLoopback(httpContext.Connection.RemoteIpAddress))
        {
            return true;
        }

        if (!validator.IsEnabled)
        {
            return false;
        }

        if (validator.IsValid(httpContext.Request) || validator.IsValidKey(BasicPassword(httpContext.Request)))
        {
            return true;
        }

        httpContext.Response.Headers.WWWAuthenticate = Challenge;
        return false;
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    // The password of "Authorization: Basic base64(user:password)", or null when the header is absent or malformed.
    private static string? BasicPassword(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var separator = credentials.IndexOf(':', StringComparison.Ordinal);
            return separator < 0 ? null : credentials[(separator + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
