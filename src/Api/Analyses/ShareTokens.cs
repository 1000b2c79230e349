using System.Security.Cryptography;

namespace HnlService.Api.Analyses;

/// <summary>Share tokens: 32 random bytes (256 bits) from the system CSPRNG, base64url without padding.</summary>
public static class ShareTokens
{
    public const int ByteCount = 32;

    public static string Create() => Base64UrlEncode(RandomNumberGenerator.GetBytes(ByteCount));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string ShareUrl(HttpRequest request, string token) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/s/{token}";
}
