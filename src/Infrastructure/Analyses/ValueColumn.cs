namespace HnlService.Infrastructure.Analyses;

/// <summary>Discriminant values of every dataset row: a float64 dataset column or float32 model scores.</summary>
internal readonly struct ValueColumn
{
    private readonly double[]? doubles;

    private readonly float[]? singles;

    private ValueColumn(double[]? doubles, float[]? singles)
    {
        this.doubles = doubles;
        this.singles = singles;
    }

    public static ValueColumn Of(double[] values) => new(values, null);

    public static ValueColumn Of(float[] values) => new(null, values);

    /// <summary>Copies the values of the given rows into destination, widening float32 scores to float64 exactly.</summary>
    public void Gather(ReadOnlySpan<int> rows, Span<double> destination)
    {
        if (doubles is not null)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                destination[i] = doubles[rows[i]];
            }

            return;
        }

        var values = singles!;
        for (var i = 0; i < rows.Length; i++)
        {
            destination[i] = values[rows[i]];
        }
    }
}
