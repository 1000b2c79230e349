using System.Globalization;
using System.Text.Json;
using HnlService.Domain.Analysis;

namespace HnlService.Domain.Tests.Analysis;

/// <summary>
/// Runs the engine on the synthetic 60k-event table and compares every channel, mass, summary and
/// area with the output of the Python reference implementation stored in TestData/expected.
/// </summary>
public sealed class ReferenceAgreementTests
{
    private const double AbsoluteTolerance = 1e-12;
    private const double RelativeTolerance = 1e-9;

    public static TheoryData<string> ExpectedFiles()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "expected"), "Mt_tot_*.json").Order())
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Fact]
    public void ExpectedFiles_CoverAllTenSettings()
    {
        Assert.Equal(10, ExpectedFiles().Count);
    }

    [Theory]
    [MemberData(nameof(ExpectedFiles))]
    public void Evaluate_MatchesReference_ForEveryChannelAndMass(string fileName)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "expected", fileName)));
        JsonElement root = document.RootElement;
        var binning = new BinningSpec(
            ParseStrategy(root.GetProperty("binning").GetString()!),
            root.GetProperty("maxRelativeUncertainty").GetDouble(),
            root.GetProperty("initialBins").GetInt32());
        SignificanceFormula formula = ParseFormula(root.GetProperty("formula").GetString()!);
        ReferenceData data = ReferenceData.Instance;

        var masses = new List<double>();
        var averages = new List<double?>();
        foreach (JsonProperty massEntry in root.GetProperty("masses").EnumerateObject())
        {
            double mass = double.Parse(massEntry.Name, CultureInfo.InvariantCulture);
            var results = new List<ChannelResult>();
            for (int channel = 0; channel < ReferenceData.ChannelNames.Length; channel++)
            {
                (double[] signalValues, double[] signalWeights) = data.Signal(channel, mass);
                (double[] backgroundValues, double[] backgroundWeights) = data.Background(channel);

                ChannelResult result = ChannelAnalysis.Evaluate(signalValues, signalWeights, backgroundValues, backgroundWeights, binning, formula);

                string where = $"{fileName} mass {massEntry.Name} channel {ReferenceData.ChannelNames[channel]}";
                AssertChannel(massEntry.Value.GetProperty("channels").GetProperty(ReferenceData.ChannelNames[channel]), result, where);
                results.Add(result);
            }

            MassSummary? summary = ChannelCombination.Combine(results);
            AssertSummary(massEntry.Value.GetProperty("summary"), summary, $"{fileName} mass {massEntry.Name}");
            masses.Add(mass);
            averages.Add(summary?.Average);
        }

        double area = SignificanceCurve.AreaUnderCurve(masses, averages);
        AssertRelative(root.GetProperty("areaUnderCurve").GetDouble(), area, $"{fileName} areaUnderCurve");
    }

    private static void AssertChannel(JsonElement expected, ChannelResult actual, string where)
    {
        string status = expected.GetProperty("status").GetString()!;
        Assert.True(ToStatus(actual.Outcome) == status, $"{where}: outcome {actual.Outcome}, expected {status}");
        if (status != "ok")
        {
            return;
        }

        AssertArray(expected.GetProperty("edges"), actual.Edges, $"{where} edges");
        AssertArray(expected.GetProperty("signal"), actual.Signal, $"{where} signal");
        AssertArray(expected.GetProperty("background"), actual.Background, $"{where} background");
        AssertArray(expected.GetProperty("signalError"), actual.SignalError, $"{where} signalError");
        AssertArray(expected.GetProperty("backgroundError"), actual.BackgroundError, $"{where} backgroundError");
        AssertRelative(expected.GetProperty("significance").GetDouble(), actual.Significance, $"{where} significance");
        AssertRelative(expected.GetProperty("uncertainty").GetDouble(), actual.Uncertainty, $"{where} uncertainty");
    }

    private static void AssertSummary(JsonElement expected, MassSummary? actual, string where)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.True(actual is null, $"{where}: summary {actual}, expected none");
            return;
        }

        Assert.True(actual is not null, $"{where}: no summary, expected one");
        AssertRelative(expected.GetProperty("average").GetDouble(), actual.Average, $"{where} average");
        AssertRelative(expected.GetProperty("averageUncertainty").GetDouble(), actual.AverageUncertainty, $"{where} averageUncertainty");
        AssertRelative(expected.GetProperty("combined").GetDouble(), actual.Combined, $"{where} combined");
        AssertRelative(expected.GetProperty("combinedUncertainty").GetDouble(), actual.CombinedUncertainty, $"{where} combinedUncertainty");
        Assert.True(expected.GetProperty("channels").GetInt32() == actual.Channels, $"{where}: {actual.Channels} channels, expected {expected.GetProperty("channels").GetInt32()}");
    }

    private static void AssertArray(JsonElement expected, double[] actual, string where)
    {
        double[] values = expected.EnumerateArray().Select(element => element.GetDouble()).ToArray();
        Assert.True(values.Length == actual.Length, $"{where}: {actual.Length} elements, expected {values.Length}");
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(Math.Abs(values[i] - actual[i]) <= AbsoluteTolerance, $"{where}[{i}]: {actual[i]:R}, expected {values[i]:R}");
        }
    }

    private static void AssertRelative(double expected, double actual, string where)
    {
        Assert.True(
            Math.Abs(expected - actual) <= RelativeTolerance * Math.Abs(expected),
            $"{where}: {actual:R}, expected {expected:R}");
    }

    private static string ToStatus(ChannelOutcome outcome) => outcome switch
    {
        ChannelOutcome.Ok => "ok",
        ChannelOutcome.NoSignal => "no-signal",
        _ => "no-background",
    };

    private static BinningStrategy ParseStrategy(string name) => name switch
    {
        "right-to-left" => BinningStrategy.RightToLeft,
        "equal-signal" => BinningStrategy.EqualSignal,
        _ => throw new InvalidDataException($"Unknown binning {name} in an expected file."),
    };

    private static SignificanceFormula ParseFormula(string name) => name switch
    {
        "s-over-sqrt-b" => SignificanceFormula.SOverSqrtB,
        "asimov" => SignificanceFormula.Asimov,
        "asimov-with-uncertainty" => SignificanceFormula.AsimovWithUncertainty,
        _ => throw new InvalidDataException($"Unknown formula {name} in an expected file."),
    };
}
