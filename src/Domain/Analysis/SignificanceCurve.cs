namespace HnlService.Domain.Analysis;

/// <summary>Operations on a significance-versus-mass curve.</summary>
public static class SignificanceCurve
{
    /// <summary>Trapezoid area over ascending masses; null values are skipped; fewer than two points give 0.</summary>
    public static double AreaUnderCurve(IReadOnlyList<double> masses, IReadOnlyList<double?> values)
    {
        throw new NotImplementedException();
    }
}
