using System.Security.Cryptography;
using System.Text;
using HnlService.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace HnlService.Api.Auth;

/// <summary>
/// Checks X-Api-Key against the configured keys. Both sides are hashed with SHA-256 and compared in
/// constant time, so neither the content nor the length of a key leaks through timing.
/// </summary>
public sealed class ApiKeyValidator(IOptions<AuthOptions> options)
{
    public const string HeaderName = "X-Api-Key";

    private readonly byte[][] keyHashes = options.Value.ApiKeys
        .Where(key => !string.IsNullOrEmpty(key))
        .Select(key => SHA256.HashData(Encoding.UTF8.GetBytes(key)))
        .ToArray();

    public bool IsEnabled => keyHashes.Length > 0;

    public bool IsValid(HttpRequest request) => IsValidKey(request.Headers[HeaderName].ToString());

    /// <summary>True when the presented text is one of the configured keys.</summary>
    public bool IsValidKey(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var matched = false;
        foreach (var keyHash in keyHashes)
        {
            matched |= CryptographicOperations.FixedTimeEquals(presentedHash, keyHash);
        }

        return matched;
    }
}
