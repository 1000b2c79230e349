namespace HnlService.Domain.Analysis;

/// <summary>Per-bin significance formula summed in quadrature over bins.</summary>
public enum SignificanceFormula
{
    /// <summary>Z^2 = sum s^2 / b.</summary>
    SOverSqrtB,

    /// <summary>Z^2 = sum 2((s+b) ln(1+s/b) - s).</summary>
    Asimov,

    /// <summary>Cowan's expected discovery significance with the background known to +-sigma_b.</summary>
    AsimovWithUncertainty,
}
