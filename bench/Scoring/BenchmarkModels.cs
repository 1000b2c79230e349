using System.Globalization;
using System.Text.Json;
using HnlService.Infrastructure.Models;

namespace HnlService.Benchmarks.Scoring;

/// <summary>
/// Reads the synthetic model pair described by models.json (the networks without an in-graph scaler,
/// with their scalers in the manifest) and builds a large event table from the sample rows.
/// </summary>
internal static class BenchmarkModels
{
    public static (ModelManifest Manifest, List<ModelFile> Files) Read(string directory)
    {
        var json = File.ReadAllText(Path.Combine(directory, "models.json"));
        var description = JsonSerializer.Deserialize<ModelsDescription>(json, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException($"{directory}/models.json is empty.");

        // The network trained on even events scores odd events (remainder 1), and the other way round.
        var members = description.Members
            .Select(member => new ModelMember(
                member.RawFile,
                2,
                member.Scores == "odd" ? 1 : 0,
                new ScalerSpec(member.ScalerMean, member.ScalerScale)))
            .ToList();
        var manifest = new ModelManifest
        {
            Features = description.Features,
            MassFeature = description.MassFeature,
            EventColumn = description.FoldColumn,
            Members = members,
        };
        var files = members.Select(member => new ModelFile(member.File, Path.Combine(directory, member.File))).ToList();

        return (manifest, files);
    }

    /// <summary>
    /// The first member as a single model with its scaler and no fold rule, so every row goes through
    /// one session as in the bare loop.
    /// </summary>
    public static (ModelManifest Manifest, List<ModelFile> Files) FirstMemberAlone((ModelManifest Manifest, List<ModelFile> Files) set)
    {
        var member = set.Manifest.Members![0];
        var manifest = set.Manifest with { Scaler = member.Scaler, Members = null, EventColumn = null };
        return (manifest, [set.Files[0]]);
    }

    /// <summary>
    /// Repeats the sample CSV rows up to rowCount rows. Event numbers are the row indices, so half of
    /// the rows go to each member.
    /// </summary>
    public static (Dictionary<string, float[]> Columns, long[] Events) TileEvents(string directory, IReadOnlyList<string> features, int rowCount)
    {
        var path = Directory.GetFiles(directory, "events*.csv").OrderBy(name => name, StringComparer.Ordinal).First();
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var sample = lines.Skip(1).Select(line => line.Split(',')).ToList();

        var columns = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            var index = Array.IndexOf(header, feature);
            var values = sample.Select(row => float.Parse(row[index], CultureInfo.InvariantCulture)).ToArray();
            var column = new float[rowCount];
            for (var i = 0; i < rowCount; i++)
            {
                column[i] = values[i % values.Length];
            }

            columns[feature] = column;
        }

        var events = Enumerable.Range(0, rowCount).Select(i => (long)i).ToArray();
        return (columns, events);
    }

    private sealed record ModelsDescription(List<MemberDescription> Members, List<string> Features, string MassFeature, string FoldColumn);

    private sealed record MemberDescription(string File, string Scores, string RawFile, double[] ScalerMean, double[] ScalerScale);
}
