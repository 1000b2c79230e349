using System.Globalization;

namespace HnlService.Infrastructure.Datasets;

/// <summary>Checks the values of role columns, naming the column and the first offending 0-based row.</summary>
internal static class RoleValueRules
{
    /// <summary>Weights must be finite; they may be negative.</summary>
    public static void CheckWeights(ColumnSlice weights, string column, long firstRow)
    {
        var values = weights.Float64!;
        for (var row = 0; row < values.Length; row++)
        {
            if (double.IsFinite(values[row]))
            {
                continue;
            }

            var what = weights.IsNull(row) ? "null" : Format(values[row]);
            throw new DatasetValidationException(
                "invalid-weight",
                $"Column '{column}' has an invalid weight ({what}) at row {firstRow + row} (0-based); every weight must be a finite number.",
                column,
                firstRow + row);
        }
    }

    /// <summary>Labels must be 0 (background) or 1 (signal), stored as integers, booleans or floats.</summary>
    public static void ReadLabels(ColumnSlice labels, string column, long firstRow, Span<bool> isSignal)
    {
        var values = labels.Float64!;
        for (var row = 0; row < values.Length; row++)
        {
            var value = values[row];
            if (value == 1)
            {
                isSignal[row] = true;
            }
            else if (value == 0)
            {
                isSignal[row] = false;
            }
            else
            {
                var what = labels.IsNull(row) ? "null" : Format(value);
                throw new DatasetValidationException(
                    "invalid-label",
                    $"Column '{column}' has the label {what} at row {firstRow + row} (0-based); labels must be 0 (background) or 1 (signal).",
                    column,
                    firstRow + row);
            }
        }
    }

    /// <summary>Signal rows need a finite mass; background masses are ignored and reported as NaN.</summary>
    public static void ReadSignalMasses(ColumnSlice masses, string column, long firstRow, ReadOnlySpan<bool> isSignal, Span<double> destination)
    {
        var values = masses.Float64!;
        for (var row = 0; row < values.Length; row++)
        {
            if (!isSignal[row])
            {
                destination[row] = double.NaN;
                continue;
            }

            if (!double.IsFinite(values[row]))
            {
                var what = masses.IsNull(row) ? "null" : Format(values[row]);
                throw new DatasetValidationException(
                    "invalid-mass",
                    $"Column '{column}' has an invalid mass ({what}) at signal row {firstRow + row} (0-based); every signal event needs a finite mass hypothesis.",
                    column,
                    firstRow + row);
            }

            destination[row] = values[row];
        }
    }

    /// <summary>Event numbers must be present; whole-number checks happen when the column is read as Int64.</summary>
    public static void CheckEventNumbers(ColumnSlice events, string column, long firstRow)
    {
        if (events.Nulls is not { } nulls)
        {
            return;
        }

        var row = Array.IndexOf(nulls, true);
        throw new DatasetValidationException(
            "invalid-event",
            $"Column '{column}' is null at row {firstRow + row} (0-based); every event needs an event number.",
            column,
            firstRow + row);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
