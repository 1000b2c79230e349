namespace HnlService.Domain.Analysis;

/// <summary>Operations on a significance-versus-mass curve.</summary>
public static class SignificanceCurve
{
    /// <summary>
    /// Returns the trapezoid area under the curve over ascending masses, used to rank
    /// discriminants. Points with a null value are skipped; fewer than two points give 0.
    /// Points with equal masses are ordered by value and add no area between them.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a mass or value is NaN or infinite.</exception>
    public static double AreaUnderCurve(IReadOnlyList<double> masses, IReadOnlyList<double?> values)
    {
        ArgumentNullException.ThrowIfNull(masses);
        ArgumentNullException.ThrowIfNull(values);
        if (masses.Count != values.Count)
        {
            throw new ArgumentException(
                $"values has {values.Count} elements but masses has {masses.Count}; pass one value per mass.", nameof(values));
        }

        var points = new List<(double Mass, double Value)>();
        for (int i = 0; i < masses.Count; i++)
        {
            if (!double.IsFinite(masses[i]))
            {
                throw new ArgumentException($"masses[{i}] is {masses[i]}; masses must be finite.", nameof(masses));
            }

            if (values[i] is double value)
            {
                if (!double.IsFinite(value))
                {
                    throw new ArgumentException($"values[{i}] is {value}; values must be finite or null.", nameof(values));
                }

                points.Add((masses[i], value));
            }
        }

        if (points.Count < 2)
        {
            return 0.0;
        }

        points.Sort();
        var areas = new double[points.Count - 1];
        for (int i = 0; i < areas.Length; i++)
        {
            areas[i] = (points[i + 1].Mass - points[i].Mass) * (points[i + 1].Value + points[i].Value) / 2;
        }

        return PairwiseSum.Sum(areas);
    }
}
