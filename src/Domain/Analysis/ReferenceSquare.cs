using System.Runtime.Intrinsics.X86;

namespace HnlService.Domain.Analysis;

/// <summary>
/// Squares a weight as the Python reference does for scalars (<c>w ** 2</c>, which calls the C
/// library's pow). pow(w, 2) can differ from the correctly rounded w * w in the last bit, and the
/// right-to-left closing test compares sums of these squares, so they must agree bit for bit.
/// </summary>
internal static class ReferenceSquare
{
    private const double UlpScale = 1.0 / (1L << 52);

    /// <summary>Returns pow(w, 2) as the C library computes it, calling it only when the result could differ from w * w.</summary>
    /// <remarks>
    /// NOTE: the shortcut relies on pow's worst-case error of 0.54 ULP stated in Arm's optimized
    /// routines, the pow of glibc since 2.28. Far from a rounding midpoint (exact residual under
    /// 0.2 of p * 2^-52, so under 0.4 ULP) any result within 0.54 ULP is the correctly rounded one.
    /// On a C library without that bound, results may differ from the reference in the last bit.
    /// </remarks>
    public static double Of(double w)
    {
        if (!Fma.IsSupported)
        {
            return Math.Pow(w, 2);
        }

        double product = w * w;
        double residual = Math.FusedMultiplyAdd(w, w, -product);
        return Math.Abs(residual) <= 0.2 * product * UlpScale ? product : Math.Pow(w, 2);
    }
}
