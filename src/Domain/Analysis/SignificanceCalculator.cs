namespace HnlService.Domain.Analysis;

/// <summary>
/// Binned significance Z, summed in quadrature over bins, and its MC statistical uncertainty
/// sigma_Z^2 = sum (dZ/ds_j sigma_s_j)^2 + (dZ/db_j sigma_b_j)^2. Bins with s &lt;= 0 or b &lt;= 0
/// contribute nothing; when Z is 0, sigma is 0.
/// </summary>
/// <remarks>
/// Per bin, with s and b the signal and background yields and sigma_b the background's MC uncertainty:
/// s-over-sqrt-b: Z^2 = s^2 / b.
/// asimov: Z^2 = 2((s+b) ln(1+s/b) - s).
/// asimov-with-uncertainty: Z^2 = 2((s+b) ln(1 + s b / D) - (b^2/sigma_b^2) ln(1 + sigma_b^2 s / (b (b + sigma_b^2))))
/// with D = b^2 + (s+b) sigma_b^2 (Cowan's expected discovery significance with the background
/// known to +-sigma_b); the plain asimov term is used where sigma_b = 0, its limit. Its derivatives
/// are taken at fixed sigma_b.
/// </remarks>
internal static class SignificanceCalculator
{
    /// <summary>Returns Z and its uncertainty for the given per-bin yields and errors.</summary>
    public static (double Significance, double Uncertainty) Compute(
        SignificanceFormula formula, double[] signal, double[] background, double[] signalError, double[] backgroundError)
    {
        int bins = signal.Length;
        var terms = new List<double>(bins);
        var derivativesS = new List<double>(bins);
        var derivativesB = new List<double>(bins);
        var usedSignalError = new List<double>(bins);
        var usedBackgroundError = new List<double>(bins);

        for (int j = 0; j < bins; j++)
        {
            double s = signal[j], b = background[j];
            if (!(s > 0 && b > 0))
            {
                continue;
            }

            (double term, double dS, double dB) = BinTerm(formula, s, b, backgroundError[j]);
            terms.Add(term);
            derivativesS.Add(dS);
            derivativesB.Add(dB);
            usedSignalError.Add(signalError[j]);
            usedBackgroundError.Add(backgroundError[j]);
        }

        double z = Math.Sqrt(Math.Max(PairwiseSum.Sum(terms.ToArray()), 0.0));
        if (z == 0.0)
        {
            return (0.0, 0.0);
        }

        var variances = new double[terms.Count];
        for (int j = 0; j < variances.Length; j++)
        {
            double fromSignal = derivativesS[j] / (2 * z) * usedSignalError[j];
            double fromBackground = derivativesB[j] / (2 * z) * usedBackgroundError[j];
            variances[j] = fromSignal * fromSignal + fromBackground * fromBackground;
        }

        return (z, Math.Sqrt(PairwiseSum.Sum(variances)));
    }

    /// <summary>Returns one bin's Z^2 and its partial derivatives in s and b.</summary>
    internal static (double Term, double DerivativeS, double DerivativeB) BinTerm(
        SignificanceFormula formula, double s, double b, double backgroundError)
    {
        switch (formula)
        {
            case SignificanceFormula.SOverSqrtB:
                return (s * s / b, 2 * s / b, -(s * s) / (b * b));

            case SignificanceFormula.Asimov:
                return AsimovTerm(s, b);

            case SignificanceFormula.AsimovWithUncertainty:
                double variance = backgroundError * backgroundError;
                return variance > 0 ? CowanTerm(s, b, variance) : AsimovTerm(s, b);

            default:
                throw new ArgumentOutOfRangeException(nameof(formula), formula, "Unknown significance formula.");
        }
    }

    private static (double, double, double) AsimovTerm(double s, double b)
    {
        double logTerm = Log1P(s / b);
        return (2 * ((s + b) * logTerm - s), 2 * logTerm, 2 * (logTerm - s / b));
    }

    private static (double, double, double) CowanTerm(double s, double b, double variance)
    {
        double d = b * b + (s + b) * variance;
        double logA = Log1P(s * b / d);
        double logB = Log1P(variance * s / (b * (b + variance)));
        double term = 2 * ((s + b) * logA - b * b / variance * logB);
        double derivativeS = 2 * logA;
        double derivativeB = 2 * (logA + s / (b + variance) - 2 * b / variance * logB);
        return (term, derivativeS, derivativeB);
    }

    /// <summary>
    /// Returns ln(1 + x) accurately for small x, where ln of the rounded 1 + x would lose digits.
    /// double.LogP1 in .NET 10 returns 0 for x = 1e-20, so the rounding error of 1 + x is cancelled
    /// here by scaling with x / ((1 + x) - 1), the ratio of the exact to the rounded increment.
    /// </summary>
    internal static double Log1P(double x)
    {
        double onePlusX = 1.0 + x;
        if (onePlusX == 1.0)
        {
            return x;
        }

        return Math.Log(onePlusX) * x / (onePlusX - 1.0);
    }
}
