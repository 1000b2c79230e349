namespace HnlService.Api.Errors;

/// <summary>A request that names something invalid; answered with 422 and the errors keyed by field, column or feature.</summary>
public sealed class RequestValidationException(string code, IReadOnlyDictionary<string, string[]> errors)
    : Exception(errors.Count == 0 ? "The request is invalid." : string.Join(" ", errors.SelectMany(pair => pair.Value)))
{
    /// <summary>Stable machine-readable reason of the first error, for example "unknown-column".</summary>
    public string Code { get; } = code;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string key, string code, string message) =>
        new(code, new Dictionary<string, string[]> { [key] = [message] });
}
