using System.Globalization;
using HnlService.Domain.Analysis;

namespace HnlService.Infrastructure.Tests.Analyses;

/// <summary>A binning and formula as the reference names them in its result file names.</summary>
public sealed record ReferenceCase(string Strategy, double MaxRelativeUncertainty, string Formula)
{
    public BinningSpec Binning => new(
        Strategy switch
        {
            "right-to-left" => BinningStrategy.RightToLeft,
            "equal-signal" => BinningStrategy.EqualSignal,
            _ => throw new ArgumentException($"Unknown strategy '{Strategy}'.", nameof(Strategy)),
        },
        MaxRelativeUncertainty);

    public SignificanceFormula SignificanceFormula => Formula switch
    {
        "s-over-sqrt-b" => SignificanceFormula.SOverSqrtB,
        "asimov" => SignificanceFormula.Asimov,
        "asimov-with-uncertainty" => SignificanceFormula.AsimovWithUncertainty,
        _ => throw new ArgumentException($"Unknown formula '{Formula}'.", nameof(Formula)),
    };

    /// <summary>The reference file of this case, for example "Mt_tot_right-to-left_0.3_asimov.json".</summary>
    public string FileName(string discriminant) =>
        string.Create(CultureInfo.InvariantCulture, $"{discriminant}_{Strategy}_{MaxRelativeUncertainty}_{Formula}.json");
}
