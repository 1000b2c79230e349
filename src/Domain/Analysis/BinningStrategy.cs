namespace HnlService.Domain.Analysis;

/// <summary>Rule that chooses the bin edges of a discriminant histogram.</summary>
public enum BinningStrategy
{
    /// <summary>Scan signal from the highest value down and close a bin once both yields are precise enough.</summary>
    RightToLeft,

    /// <summary>Bins of equal signal weight, from an initial count down to one until every bin passes.</summary>
    EqualSignal,
}
