using System.Text.Json;
using System.Text.Json.Serialization;

namespace HnlService.Infrastructure.Persistence;

/// <summary>
/// Serializer settings for JSON text columns. Named floating-point literals are allowed so that an
/// undefined value can be stored and read back; the API maps such values to null before writing responses.
/// </summary>
public static class StoredJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"Stored JSON is null where a {typeof(T).Name} was expected.");
}
