namespace HnlService.Domain.Analysis;

/// <summary>Channels combined at one mass: the plain average of Z and sigma, and the quadrature combination.</summary>
public sealed record MassSummary(
    double Average,
    double AverageUncertainty,
    double Combined,
    double CombinedUncertainty,
    int Channels);
