using System.Net;
using Hangfire.Dashboard;

namespace HnlService.Api.Auth;

/// <summary>
/// Opens the Hangfire dashboard to requests from the loopback address, and to requests with a valid
/// X-Api-Key when keys are configured; everyone else gets 401.
/// </summary>
public sealed class DashboardAccessFilter(ApiKeyValidator validator) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var httpContext = context.GetHttpContext();
        return IsLoopback(httpContext.Connection.RemoteIpAddress)
            || (validator.IsEnabled && validator.IsValid(httpContext.Request));
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);
}
