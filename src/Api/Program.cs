using HnlService.Api;
using HnlService.Infrastructure;
using HnlService.Infrastructure.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInfrastructureServices(builder.Configuration, HangfireServerRole.Api);
builder.AddApiServices();

var app = builder.Build();
app.UseApi();
app.Run();

/// <summary>Entry point; public so that WebApplicationFactory can start the Api in tests.</summary>
public partial class Program;
