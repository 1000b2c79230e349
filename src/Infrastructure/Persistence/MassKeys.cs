using System.Globalization;

namespace HnlService.Infrastructure.Persistence;

/// <summary>
/// Text form of a mass hypothesis used in unique indexes: SQL treats NULLs as distinct, so a null mass
/// (single hypothesis) is stored as the empty key and a mass as its round-trip invariant text.
/// </summary>
public static class MassKeys
{
    public static string For(double? mass) =>
        mass is { } value ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
