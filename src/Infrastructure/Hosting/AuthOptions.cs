namespace HnlService.Infrastructure.Hosting;

/// <summary>API keys accepted in the X-Api-Key header; an empty list turns authentication off.</summary>
public sealed class AuthOptions
{
    public string[] ApiKeys { get; set; } = [];

    public bool IsEnabled => ApiKeys.Any(key => !string.IsNullOrEmpty(key));
}
