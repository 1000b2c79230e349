using System.Globalization;
using System.Text.Json;
using HnlService.Infrastructure.Models;

namespace HnlService.Infrastructure.Tests.Models;

/// <summary>
/// The even/odd model pair of the synthetic HNL-like sample, scored fold by fold: the network trained on
/// even events scores odd events and the other way round. Expected scores were computed with the
/// training framework and stored with the sample (scores_first_2000_rows.csv).
/// </summary>
public sealed class ModelScorerSyntheticDataTests
{
    private const double Tolerance = 1e-5;
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "TestData", "models");

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Score_MatchesExpectedScores_ForFirst2000Rows(bool scalerInManifest, bool massOverriddenTo300)
    {
        var description = ReadModelsJson();
        var model = new ModelValidator().Validate(BuildManifest(description, scalerInManifest), BuildFiles(description, scalerInManifest));
        var (columns, events) = ReadEvents(model.Features);
        var expected = ReadExpected(massOverriddenTo300 ? "score_mass_300" : "score_own_mass");
        using var scorer = new ModelScorer(model, new ScoringOptions(BatchSize: 512));

        var scores = scorer.Score(new ScoringRequest(columns, events, null, massOverriddenTo300 ? 300f : null), null, CancellationToken.None);

        Assert.Equal(expected.Events, events);
        Assert.Equal(expected.Scores.Length, scores.Length);
        var worst = Enumerable.Range(0, scores.Length).MaxBy(i => Math.Abs(scores[i] - expected.Scores[i]));
        Assert.True(
            Math.Abs(scores[worst] - expected.Scores[worst]) <= Tolerance,
            $"Row {worst} (event {events[worst]}): expected {expected.Scores[worst]:R}, got {scores[worst]:R}.");
    }

    private static ModelsDescription ReadModelsJson()
    {
        var json = File.ReadAllText(Path.Combine(DataDirectory, "models.json"));
        return JsonSerializer.Deserialize<ModelsDescription>(json, JsonSerializerOptions.Web)!;
    }

    // "trained on even" scores odd events (remainder 1), and the other way round.
    private static ModelManifest BuildManifest(ModelsDescription description, bool scalerInManifest) => new()
    {
        Features = description.Features,
        MassFeature = description.MassFeature,
        EventColumn = description.FoldColumn,
        Members = description.Members
            .Select(member => new ModelMember(
                scalerInManifest ? member.RawFile : member.File,
                2,
                member.Scores == "odd" ? 1 : 0,
                scalerInManifest ? new ScalerSpec(member.ScalerMean, member.ScalerScale) : null))
            .ToList(),
    };

    private static List<ModelFile> BuildFiles(ModelsDescription description, bool scalerInManifest) =>
        description.Members
            .Select(member => scalerInManifest ? member.RawFile : member.File)
            .Select(name => new ModelFile(name, Path.Combine(DataDirectory, name)))
            .ToList();

    private static (Dictionary<string, float[]> Columns, long[] Events) ReadEvents(IReadOnlyList<string> features)
    {
        var lines = File.ReadAllLines(Path.Combine(DataDirectory, "events_first_2000_rows.csv"));
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToList();

        var columns = features.ToDictionary(
            feature => feature,
            feature =>
            {
                var index = Array.IndexOf(header, feature);
                return rows.Select(row => float.Parse(row[index], CultureInfo.InvariantCulture)).ToArray();
            });
        var eventIndex = Array.IndexOf(header, "event");
        var events = rows.Select(row => long.Parse(row[eventIndex], CultureInfo.InvariantCulture)).ToArray();

        return (columns, events);
    }

    private static (long[] Events, double[] Scores) ReadExpected(string scoreColumn)
    {
        var lines = File.ReadAllLines(Path.Combine(DataDirectory, "scores_first_2000_rows.csv"));
        var header = lines[0].Split(',');
        var scoreIndex = Array.IndexOf(header, scoreColumn);
        var eventIndex = Array.IndexOf(header, "event");
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToList();

        return (
            rows.Select(row => long.Parse(row[eventIndex], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(row => double.Parse(row[scoreIndex], CultureInfo.InvariantCulture)).ToArray());
    }

    private sealed record ModelsDescription(
        List<MemberDescription> Members,
        List<string> Features,
        string MassFeature,
        string FoldColumn);

    private sealed record MemberDescription(
        string File,
        string TrainedOn,
        string Scores,
        string RawFile,
        double[] ScalerMean,
        double[] ScalerScale);
}
