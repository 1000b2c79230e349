namespace HnlService.Api.Contracts;

/// <summary>NaN and infinity are not valid JSON; responses carry null in their place.</summary>
public static class FiniteNumbers
{
    public static double? OrNull(double value) => double.IsFinite(value) ? value : null;

    public static double? OrNull(double? value) => value is { } number ? OrNull(number) : null;

    public static double?[] OrNull(IEnumerable<double> values) => values.Select(value => OrNull(value)).ToArray();

    public static double?[] OrNull(IEnumerable<double?> values) => values.Select(OrNull).ToArray();
}
