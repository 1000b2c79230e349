namespace HnlService.Domain.Analysis;

/// <summary>Binning request: the strategy, the fractional MC uncertainty limit X and, for equal-signal, the initial bin count N0.</summary>
public sealed record BinningSpec(BinningStrategy Strategy, double MaxRelativeUncertainty, int InitialBins = 30);
