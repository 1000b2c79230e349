using System.Globalization;
using System.Text;
using HnlService.Api.Contracts;

namespace HnlService.Api.Analyses;

/// <summary>One CSV row per histogram bin; an undefined number is an empty field.</summary>
public static class AnalysisCsvExport
{
    public const string Header =
        "discriminant,channel,mass,bin,lowEdge,highEdge,signal,signalError,background,backgroundError,significance,uncertainty";

    public static string Write(IReadOnlyList<HistogramResponse> histograms)
    {
        var csv = new StringBuilder().AppendLine(Header);
        foreach (var histogram in histograms)
        {
            for (var bin = 0; bin < histogram.Signal.Count; bin++)
            {
                csv.AppendJoin(',',
                    Quote(histogram.Discriminant),
                    Quote(histogram.Channel),
                    Number(histogram.Mass),
                    bin.ToString(CultureInfo.InvariantCulture),
                    Number(histogram.Edges[bin]),
                    Number(histogram.Edges[bin + 1]),
                    Number(histogram.Signal[bin]),
                    Number(histogram.SignalError[bin]),
                    Number(histogram.Background[bin]),
                    Number(histogram.BackgroundError[bin]),
                    Number(histogram.Significance),
                    Number(histogram.Uncertainty));
                csv.AppendLine();
            }
        }

        return csv.ToString();
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : $"\"{text.Replace("\"", "\"\"")}\"";
}
