using HnlService.Api.Errors;

namespace HnlService.Api.Analyses;

/// <summary>Collects validation messages per key; the first code becomes the problem's code.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> messages = new(StringComparer.Ordinal);
    private string? firstCode;

    public void Add(string key, string code, string message)
    {
        firstCode ??= code;
        if (!messages.TryGetValue(key, out var list))
        {
            list = [];
            messages[key] = list;
        }

        list.Add(message);
    }

    public void ThrowIfAny()
    {
        if (messages.Count > 0)
        {
            throw new RequestValidationException(firstCode!, messages.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray()));
        }
    }
}
