using System.Globalization;
using System.Text.Json;
using HnlService.Domain.Analysis;
using HnlService.Infrastructure.Analyses;
using Xunit.Sdk;

namespace HnlService.Infrastructure.Tests.Analyses;

/// <summary>
/// One result file of the reference implementation (hnlsig.py): per mass, per channel status, edges,
/// yields and significance, the channel summary, and the area under the average curve.
/// </summary>
public sealed class ReferenceResult(JsonElement root)
{
    public static ReferenceResult Load(string fileName)
    {
        var path = Path.Combine(SyntheticDatasetFixture.TestDataFolder, "expected", fileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new ReferenceResult(document.RootElement.Clone());
    }

    public double Area => root.GetProperty("areaUnderCurve").GetDouble();

    public IReadOnlyList<double> Masses =>
        root.GetProperty("masses").EnumerateObject().Select(mass => double.Parse(mass.Name, CultureInfo.InvariantCulture)).ToList();

    public JsonElement Mass(double mass) =>
        root.GetProperty("masses").GetProperty(mass.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Checks every mass, channel and summary of actual, and the area, against this result. A channel in
    /// movedEvents only has to keep the reference's bin count, edges and total yields, with its significance,
    /// its mass' summary and the area within <see cref="Tolerance.MovedEventRelative"/>.
    /// </summary>
    public void AssertMatches(DiscriminantOutcome actual, Tolerance tolerance, IReadOnlyCollection<(double Mass, string Channel)>? movedEvents = null)
    {
        movedEvents ??= [];
        Assert.Equal(Masses, actual.Masses.Select(mass => mass.Mass!.Value));

        foreach (var massOutcome in actual.Masses)
        {
            var moved = movedEvents.Where(entry => entry.Mass == massOutcome.Mass).Select(entry => entry.Channel).ToList();
            AssertMassMatches(Mass(massOutcome.Mass!.Value), massOutcome, tolerance, $"{actual.Name} at mass {massOutcome.Mass}", moved);
        }

        AssertClose(Area, actual.Area, movedEvents.Count == 0 ? tolerance.Relative : tolerance.MovedEventRelative, $"{actual.Name} area");
    }

    /// <summary>Checks one mass: channel names, each channel and the summary.</summary>
    public static void AssertMassMatches(
        JsonElement expected,
        MassOutcome actual,
        Tolerance tolerance,
        string where,
        IReadOnlyCollection<string>? channelsWithMovedEvents = null)
    {
        channelsWithMovedEvents ??= [];
        var channels = expected.GetProperty("channels");
        Assert.Equal(channels.EnumerateObject().Select(channel => channel.Name), actual.Channels.Keys);

        foreach (var channel in channels.EnumerateObject())
        {
            var result = actual.Channels[channel.Name];
            if (channelsWithMovedEvents.Contains(channel.Name))
            {
                AssertChannelMatchesWithMovedEvents(channel.Value, result, tolerance, $"{where}, channel {channel.Name}");
            }
            else
            {
                AssertChannelMatches(channel.Value, result, tolerance, $"{where}, channel {channel.Name}");
            }
        }

        var summaryTolerance = channelsWithMovedEvents.Count == 0 ? tolerance : tolerance with { Relative = tolerance.MovedEventRelative };
        AssertSummaryMatches(expected.GetProperty("summary"), actual.Summary, summaryTolerance, where);
    }

    /// <summary>
    /// Checks a channel in which events sit within float32 rounding of a bin edge, so scores that differ
    /// from the reference's in the last bits put them in the neighbouring bin. The bins and edges must be
    /// the same, the totals too (no event is lost), and the significance close to the reference's.
    /// </summary>
    private static void AssertChannelMatchesWithMovedEvents(JsonElement expected, ChannelResult actual, Tolerance tolerance, string where)
    {
        Assert.True(actual.Outcome == ChannelOutcome.Ok, $"{where}: outcome {actual.Outcome}, reference ok");
        AssertArray(expected.GetProperty("edges"), actual.Edges, tolerance.EdgeAbsolute, relative: 0, $"{where} edges");

        var signalTotal = expected.GetProperty("signal").EnumerateArray().Sum(value => value.GetDouble());
        var backgroundTotal = expected.GetProperty("background").EnumerateArray().Sum(value => value.GetDouble());
        AssertClose(signalTotal, actual.Signal.Sum(), tolerance.Relative, $"{where} total signal");
        AssertClose(backgroundTotal, actual.Background.Sum(), tolerance.Relative, $"{where} total background");
        AssertClose(expected.GetProperty("significance").GetDouble(), actual.Significance, tolerance.MovedEventRelative, $"{where} significance");
    }

    private static void AssertChannelMatches(JsonElement expected, ChannelResult actual, Tolerance tolerance, string where)
    {
        var status = expected.GetProperty("status").GetString();
        var expectedOutcome = status switch
        {
            "ok" => ChannelOutcome.Ok,
            "no-signal" => ChannelOutcome.NoSignal,
            "no-background" => ChannelOutcome.NoBackground,
            _ => throw new XunitException($"{where}: unknown reference status '{status}'"),
        };
        Assert.True(expectedOutcome == actual.Outcome, $"{where}: outcome {actual.Outcome}, reference {status}");
        if (actual.Outcome != ChannelOutcome.Ok)
        {
            return;
        }

        AssertArray(expected.GetProperty("edges"), actual.Edges, tolerance.EdgeAbsolute, relative: 0, $"{where} edges");
        AssertArray(expected.GetProperty("signal"), actual.Signal, tolerance.YieldAbsolute, tolerance.Relative, $"{where} signal");
        AssertArray(expected.GetProperty("background"), actual.Background, tolerance.YieldAbsolute, tolerance.Relative, $"{where} background");
        AssertArray(expected.GetProperty("signalError"), actual.SignalError, tolerance.YieldAbsolute, tolerance.Relative, $"{where} signal error");
        AssertArray(expected.GetProperty("backgroundError"), actual.BackgroundError, tolerance.YieldAbsolute, tolerance.Relative, $"{where} background error");
        AssertClose(expected.GetProperty("significance").GetDouble(), actual.Significance, tolerance.Relative, $"{where} significance");
        AssertClose(expected.GetProperty("uncertainty").GetDouble(), actual.Uncertainty, tolerance.Relative, $"{where} uncertainty");
    }

    private static void AssertSummaryMatches(JsonElement expected, MassSummary? actual, Tolerance tolerance, string where)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.True(actual is null, $"{where}: summary {actual}, reference none");
            return;
        }

        Assert.True(actual is not null, $"{where}: no summary, reference {expected}");
        Assert.Equal(expected.GetProperty("channels").GetInt32(), actual.Channels);
        AssertClose(expected.GetProperty("average").GetDouble(), actual.Average, tolerance.Relative, $"{where} average");
        AssertClose(expected.GetProperty("averageUncertainty").GetDouble(), actual.AverageUncertainty, tolerance.Relative, $"{where} average uncertainty");
        AssertClose(expected.GetProperty("combined").GetDouble(), actual.Combined, tolerance.Relative, $"{where} combined");
        AssertClose(expected.GetProperty("combinedUncertainty").GetDouble(), actual.CombinedUncertainty, tolerance.Relative, $"{where} combined uncertainty");
    }

    private static void AssertArray(JsonElement expected, double[] actual, double absolute, double relative, string where)
    {
        var values = expected.EnumerateArray().Select(value => value.GetDouble()).ToArray();
        Assert.True(values.Length == actual.Length, $"{where}: {actual.Length} values, reference {values.Length}: [{string.Join(", ", actual)}] vs [{string.Join(", ", values)}]");

        for (var i = 0; i < values.Length; i++)
        {
            var allowed = absolute + (relative * Math.Abs(values[i]));
            Assert.True(Math.Abs(values[i] - actual[i]) <= allowed, $"{where}[{i}]: {actual[i]:R}, reference {values[i]:R}, allowed difference {allowed:R}");
        }
    }

    private static void AssertClose(double expected, double actual, double relative, string where)
    {
        var allowed = relative * Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) <= allowed, $"{where}: {actual:R}, reference {expected:R}, allowed difference {allowed:R}");
    }
}

/// <summary>
/// Allowed differences from the reference. Relative applies to yields, errors, significance, summaries
/// and area, and YieldAbsolute covers yields that cancel to near zero with negative weights.
/// MovedEventRelative applies where an event has moved to the neighbouring bin.
/// </summary>
public sealed record Tolerance(double EdgeAbsolute, double YieldAbsolute, double Relative, double MovedEventRelative = 0)
{
    /// <summary>Same edges as the reference, and sums equal up to the order of floating-point addition.</summary>
    public static Tolerance DatasetColumn { get; } = new(EdgeAbsolute: 0, YieldAbsolute: 1e-9, Relative: 1e-9);
}
