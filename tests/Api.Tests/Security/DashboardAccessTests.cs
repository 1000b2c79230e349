using System.Net;
using HnlService.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HnlService.Api.Tests.Security;

/// <summary>Standalone mode without API keys: the dashboard is open to loopback requests only.</summary>
public sealed class DashboardAccessTests
{
    [Theory]
    [InlineData("203.0.113.7", HttpStatusCode.Unauthorized)]
    [InlineData("10.1.2.3", HttpStatusCode.Unauthorized)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("::1", HttpStatusCode.OK)]
    public async Task Dashboard_AllowsOnlyLoopback_WhenNoKeysConfigured(string remoteAddress, HttpStatusCode expected)
    {
        await using var factory = new ApiFactory(
            null,
            services: services => services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(IPAddress.Parse(remoteAddress))));

        var response = await factory.CreateClient().GetAsync("/hangfire");

        Assert.Equal(expected, response.StatusCode);
    }
}
