using System.Text.Json;
using System.Text.Json.Serialization;
using HnlService.Infrastructure.Json;

namespace HnlService.Infrastructure.Models;

/// <summary>
/// Reads and writes <see cref="ModelManifest"/> as JSON: camelCase names, enum values as strings,
/// unknown properties rejected so a misspelled field is reported instead of ignored.
/// </summary>
public static class ModelManifestJson
{
    /// <summary>Serializer settings shared by parsing and writing.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>
    /// Parses a manifest document. Throws <see cref="ModelValidationException"/> with code
    /// "invalid-manifest" and the JSON path of the offending field (for example "$.members[1].foldModulus").
    /// </summary>
    public static ModelManifest Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        if (string.IsNullOrWhiteSpace(json))
        {
            throw new ModelValidationException("invalid-manifest", "The manifest is empty; send a JSON object with 'features' or 'inputs'.", "$");
        }

        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(json, Options)
                ?? throw new ModelValidationException("invalid-manifest", "The manifest is null; send a JSON object with 'features' or 'inputs'.", "$");
        }
        catch (JsonException exception)
        {
            var path = string.IsNullOrEmpty(exception.Path) ? "$" : exception.Path;
            var reason = path.EndsWith("outputKind", StringComparison.Ordinal)
                ? "the output kind must be \"probability\" or \"logit\"."
                : JsonErrorText.Describe(exception) + KnownFieldsHint(exception, path);
            throw new ModelValidationException(
                "invalid-manifest",
                $"The manifest is not valid at '{path}': {reason}",
                path);
        }
    }

    /// <summary>Writes a manifest with the same settings that <see cref="Parse"/> reads.</summary>
    public static string Serialize(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);

        return JsonSerializer.Serialize(manifest, Options);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    // For a misspelt field, the fields the object at that path does take.
    private static string KnownFieldsHint(JsonException exception, string path)
    {
        if (!exception.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "";
        }

        var parent = path[..Math.Max(0, path.LastIndexOf('.'))];
        return parent switch
        {
            "$" => " Manifest fields: inputs, features, scaler, output, outputKind, massFeature, eventColumn, members.",
            _ when parent.EndsWith(']') && parent.Contains("members", StringComparison.Ordinal) => " Member fields: file, foldModulus, foldRemainder, scaler.",
            _ when parent.EndsWith(']') && parent.Contains("inputs", StringComparison.Ordinal) => " Input fields: name, features.",
            _ when parent.EndsWith("scaler", StringComparison.Ordinal) => " Scaler fields: mean, scale.",
            _ => "",
        };
    }
}
