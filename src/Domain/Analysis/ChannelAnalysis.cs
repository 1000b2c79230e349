namespace HnlService.Domain.Analysis;

/// <summary>Entry point of the engine: bins one channel at one mass and computes its significance.</summary>
public static class ChannelAnalysis
{
    public static ChannelResult Evaluate(
        ReadOnlySpan<double> signalValues,
        ReadOnlySpan<double> signalWeights,
        ReadOnlySpan<double> backgroundValues,
        ReadOnlySpan<double> backgroundWeights,
        BinningSpec binning,
        SignificanceFormula formula)
    {
        throw new NotImplementedException();
    }
}
