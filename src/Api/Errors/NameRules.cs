namespace HnlService.Api.Errors;

/// <summary>Limits on the free-text names of datasets, models and analyses.</summary>
public static class NameRules
{
    /// <summary>Longest accepted name, in UTF-16 code units; long enough for any file name or label people type.</summary>
    public const int MaxLength = 200;

    /// <summary>Throws a 422 naming the field when a name is longer than <see cref="MaxLength"/>.</summary>
    public static void EnsureValid(string field, string? name)
    {
        if (name is not null && name.Length > MaxLength)
        {
            throw RequestValidationException.For(
                field,
                "name-too-long",
                $"{field} has {name.Length} characters; use at most {MaxLength}.");
        }
    }
}
