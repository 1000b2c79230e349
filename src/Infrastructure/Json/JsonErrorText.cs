using System.Text.Json;
using System.Text.RegularExpressions;

namespace HnlService.Infrastructure.Json;

/// <summary>
/// Rewrites System.Text.Json error messages for people who write JSON, not .NET: the messages name CLR
/// types ('System.Int32', 'HnlService...ModelManifest') and append path and position details, which
/// the callers already report on their own.
/// </summary>
public static partial class JsonErrorText
{
    /// <summary>Returns one sentence saying what is wrong with the value at the exception's path.</summary>
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        var message = exception.Message;
        if (UnmappedProperty().Match(message) is { Success: true } unmapped)
        {
            return $"'{unmapped.Groups["name"].Value}' is not a known field here.";
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var names = missing.Groups["names"].Value;
            return names.Contains(',', StringComparison.Ordinal)
                ? $"the required fields {names} are missing."
                : $"the required field {names} is missing.";
        }

        if (NullNotAllowed().Match(message) is { Success: true } nullValue)
        {
            return $"'{nullValue.Groups["name"].Value}' cannot be null.";
        }

        if (NotConvertible().Match(message) is { Success: true } conversion)
        {
            return Expected(conversion.Groups["type"].Value) is { } expected
                ? $"the value is not {expected}."
                : "the value has the wrong type for this field.";
        }

        return FirstSentence(message);
    }

    // For a field of a record with a constructor, System.Text.Json names the record rather than the
    // field's type, so only primitive and array types show what the field takes.
    private static string? Expected(string clrType) => clrType switch
    {
        "System.Int32" or "System.Int64" or "System.Int16" => "an integer",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.String" => "a string",
        "System.Boolean" => "true or false",
        "System.Guid" => "an id (a GUID)",
        _ when clrType.Contains("List`1", StringComparison.Ordinal) || clrType.EndsWith("[]", StringComparison.Ordinal) => "an array",
        _ when clrType.StartsWith("System.Nullable`1", StringComparison.Ordinal) => Expected(NullableArgument().Match(clrType).Groups["type"].Value),
        _ => null,
    };

    // System.Text.Json appends " Path: $.x | LineNumber: 0 | BytePositionInLine: 3." after the first sentence.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"missing required properties including: (?<names>.+?)\.(\s|$)")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"The property or field '(?<name>[^']*)' on type '[^']*' doesn't allow")]
    private static partial Regex NullNotAllowed();

    [GeneratedRegex(@"could not be converted to (?<type>[^\s.]+(\.[^\s.]+)*?)\.(\s|$)")]
    private static partial Regex NotConvertible();

    [GeneratedRegex(@"System\.Nullable`1\[\[?(?<type>[^,\]]+)")]
    private static partial Regex NullableArgument();
}
