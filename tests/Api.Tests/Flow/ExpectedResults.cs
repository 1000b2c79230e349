using System.Globalization;
using System.Text.Json.Nodes;

namespace HnlService.Api.Tests.Flow;

/// <summary>
/// Compares an export against a reference expectation file of the synthetic dataset, computed by the Python
/// reference. Yields must agree to 1e-12 relative and significance to 1e-9 relative. Edges must agree to
/// edgeTolerance absolute, because model scores are float32 and two ONNX runs may differ in the last digit.
/// </summary>
public static class ExpectedResults
{
    public static void AssertMatches(JsonObject export, string discriminant, string expectedFile, double edgeTolerance)
    {
        var expected = JsonNode.Parse(File.ReadAllText(expectedFile))!.AsObject();
        var histograms = export["histograms"]!.AsArray().Select(h => h!.AsObject()).Where(h => (string?)h["discriminant"] == discriminant).ToList();
        var curve = export["curves"]!["discriminants"]!.AsArray().Select(d => d!.AsObject()).Single(d => (string?)d["name"] == discriminant);
        var checkedChannels = 0;

        foreach (var (massText, massNode) in expected["masses"]!.AsObject())
        {
            var mass = double.Parse(massText, CultureInfo.InvariantCulture);
            foreach (var (channel, channelNode) in massNode!["channels"]!.AsObject())
            {
                var actual = histograms.Single(h => (double)h["mass"]! == mass && (string?)h["channel"] == channel);
                AssertChannel(channelNode!.AsObject(), actual, $"{discriminant} {channel} m={massText}", edgeTolerance);
                checkedChannels++;
            }

            var point = curve["points"]!.AsArray().Single(p => (double)p!["mass"]! == mass)!;
            var summary = massNode["summary"]!;
            foreach (var field in new[] { "average", "averageUncertainty", "combined", "combinedUncertainty" })
            {
                AssertRelative((double)summary[field]!, (double)point[field]!, 1e-9, $"{discriminant} m={massText} {field}");
            }
        }

        AssertRelative((double)expected["areaUnderCurve"]!, (double)curve["area"]!, 1e-9, $"{discriminant} area");
        Assert.Equal(expected["masses"]!.AsObject().Sum(m => m.Value!["channels"]!.AsObject().Count), checkedChannels);
        Assert.Equal(checkedChannels, histograms.Count);
    }

    private static void AssertChannel(JsonObject expected, JsonObject actual, string label, double edgeTolerance)
    {
        Assert.Equal((string?)expected["status"], (string?)actual["outcome"]);
        AssertArray(expected["edges"]!.AsArray(), actual["edges"]!.AsArray(), label + " edges", (e, a) => Math.Abs(e - a) <= edgeTolerance);
        foreach (var field in new[] { "signal", "background", "signalError", "backgroundError" })
        {
            AssertArray(expected[field]!.AsArray(), actual[field]!.AsArray(), $"{label} {field}", (e, a) => Math.Abs(e - a) <= 1e-12 * Math.Max(1, Math.Abs(e)));
        }

        AssertRelative((double)expected["significance"]!, (double)actual["significance"]!, 1e-9, label + " Z");
        AssertRelative((double)expected["uncertainty"]!, (double)actual["uncertainty"]!, 1e-9, label + " sigma");
    }

    private static void AssertArray(JsonArray expected, JsonArray actual, string label, Func<double, double, bool> close)
    {
        Assert.True(expected.Count == actual.Count, $"{label}: {actual.Count} values, expected {expected.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            var e = (double)expected[i]!;
            var a = (double)actual[i]!;
            Assert.True(close(e, a), $"{label}[{i}]: {a:R}, expected {e:R}");
        }
    }

    private static void AssertRelative(double expected, double actual, double tolerance, string label) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(Math.Abs(expected), 1e-300), $"{label}: {actual:R}, expected {expected:R}");
}
