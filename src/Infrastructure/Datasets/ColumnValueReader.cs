using System.Buffers;
using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// Reads one flat column of one row group in its stored type and converts it to the requested
/// <see cref="ColumnKind"/>. Parquet.Net 6.1 reads only into a buffer of the exact stored type, and for
/// nullable columns it packs the non-null values first, so nulls are spread back out here.
/// </summary>
internal static class ColumnValueReader
{
    public static async ValueTask<ColumnSlice> ReadAsync(
        ParquetRowGroupReader group,
        DataField field,
        ColumnKind kind,
        long firstRow,
        CancellationToken cancellationToken)
    {
        var rows = checked((int)group.RowCount);
        if (kind == ColumnKind.Text)
        {
            return await ReadTextAsync(group, field, rows, cancellationToken);
        }

        var type = field.ClrType;
        if (type == typeof(double)) return Convert(await ReadNativeAsync<double>(group, field, rows, cancellationToken), kind, field, firstRow);
        if (type == typeof(float)) return Convert(await ReadNativeAsync<float>(group, field, rows, cancellationToken), kind, field, firstRow);
        if (type == typeof(long)) return Convert(await ReadNativeAsync<long>(group, field, rows, cancellationToken), kind, field, firstRow);
        if (type == typeof(int)) return Convert(await ReadNativeAsync<int>(group, field, rows, cancellationToken), kind, field, firstRow);
        if (type == typeof(short)) return Convert(await ReadNativeAsync<short>(group, field, rows, cancellationToken), kind, field, firstRow);
        if (type == typeof(sbyte)) return Convert(await ReadNativeAsync<sbyte>(group, field, rows, cancellationToken), kind, field, firstRow);
        if (type == typeof(ulong)) return Convert(await ReadNativeAsync<ulong>(group, field, rows, cancellationToken), kind, field, firstRow);
        if (type == typeof(uint)) return Convert(await ReadNativeAsync<uint>(group, field, rows, cancellationToken), kind, field, firstRow);
        if (type == typeof(ushort)) return Convert(await ReadNativeAsync<ushort>(group, field, rows, cancellationToken), kind, field, firstRow);
        if (type == typeof(byte)) return Convert(await ReadNativeAsync<byte>(group, field, rows, cancellationToken), kind, field, firstRow);
        if (type == typeof(bool)) return ConvertBooleans(await ReadNativeAsync<bool>(group, field, rows, cancellationToken), kind);

        throw new ArgumentException($"Column '{field.Name}' of type {type} is not numeric.", nameof(field));
    }

    private static async ValueTask<(T[] Values, bool[]? Nulls)> ReadNativeAsync<T>(
        ParquetRowGroupReader group,
        DataField field,
        int rows,
        CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T[rows];
        if (field.MaxDefinitionLevel == 0)
        {
            await group.ReadAsync<T>(field, values, null, cancellationToken);
            return (values, null);
        }

        var levels = ArrayPool<int>.Shared.Rent(Math.Max(rows, 1));
        try
        {
            await group.ReadRawAsync<T>(field, values, levels.AsMemory(0, rows), null, cancellationToken);
            return (values, SpreadNulls(values, levels.AsSpan(0, rows), field.MaxDefinitionLevel));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(levels);
        }
    }

    /// <summary>Moves the packed non-null values to their rows, last first so nothing is overwritten early.</summary>
    private static bool[]? SpreadNulls<T>(T[] values, ReadOnlySpan<int> levels, int maxLevel)
        where T : struct
    {
        var present = 0;
        foreach (var level in levels)
        {
            if (level == maxLevel) present++;
        }

        if (present == levels.Length)
        {
            return null;
        }

        var nulls = new bool[levels.Length];
        var source = present - 1;
        for (var row = levels.Length - 1; row >= 0; row--)
        {
            if (levels[row] == maxLevel)
            {
                values[row] = values[source--];
            }
            else
            {
                values[row] = default;
                nulls[row] = true;
            }
        }

        return nulls;
    }

    private static ColumnSlice Convert<T>((T[] Values, bool[]? Nulls) column, ColumnKind kind, DataField field, long firstRow)
        where T : struct, INumberBase<T>
    {
        var (values, nulls) = column;
        return kind switch
        {
            ColumnKind.Float64 => new ColumnSlice { Kind = kind, Float64 = ToFloating<T, double>(values, nulls), Nulls = nulls },
            ColumnKind.Float32 => new ColumnSlice { Kind = kind, Float32 = ToFloating<T, float>(values, nulls), Nulls = nulls },
            ColumnKind.Int64 => new ColumnSlice { Kind = kind, Int64 = ToInt64(values, nulls, field, firstRow), Nulls = nulls },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Numeric columns convert to Float32, Float64 or Int64."),
        };
    }

    private static TTarget[] ToFloating<T, TTarget>(T[] values, bool[]? nulls)
        where T : struct, INumberBase<T>
        where TTarget : struct, IFloatingPointIeee754<TTarget>
    {
        var result = values as TTarget[] ?? ConvertAll<T, TTarget>(values);
        if (nulls is not null)
        {
            for (var row = 0; row < nulls.Length; row++)
            {
                if (nulls[row]) result[row] = TTarget.NaN;
            }
        }

        return result;
    }

    private static TTarget[] ConvertAll<T, TTarget>(T[] values)
        where T : struct, INumberBase<T>
        where TTarget : struct, INumberBase<TTarget>
    {
        var result = new TTarget[values.Length];
        for (var row = 0; row < values.Length; row++)
        {
            result[row] = TTarget.CreateSaturating(values[row]);
        }

        return result;
    }

    private static long[] ToInt64<T>(T[] values, bool[]? nulls, DataField field, long firstRow)
        where T : struct, INumberBase<T>
    {
        if (values is long[] same)
        {
            return same;
        }

        var result = new long[values.Length];
        for (var row = 0; row < values.Length; row++)
        {
            if (nulls is not null && nulls[row])
            {
                continue;
            }

            var value = values[row];
            if (!T.IsInteger(value))
            {
                throw new DatasetValidationException(
                    "non-integer-value",
                    $"Column '{field.Name}' must hold whole numbers, but row {firstRow + row} (0-based) has {value}.",
                    field.Name,
                    firstRow + row);
            }

            result[row] = long.CreateSaturating(value);
        }

        return result;
    }

    private static ColumnSlice ConvertBooleans((bool[] Values, bool[]? Nulls) column, ColumnKind kind)
    {
        var (values, nulls) = column;
        switch (kind)
        {
            case ColumnKind.Float64:
                var doubles = new double[values.Length];
                for (var row = 0; row < values.Length; row++) doubles[row] = BooleanAsNumber<double>(values, nulls, row);
                return new ColumnSlice { Kind = kind, Float64 = doubles, Nulls = nulls };
            case ColumnKind.Float32:
                var floats = new float[values.Length];
                for (var row = 0; row < values.Length; row++) floats[row] = BooleanAsNumber<float>(values, nulls, row);
                return new ColumnSlice { Kind = kind, Float32 = floats, Nulls = nulls };
            case ColumnKind.Int64:
                var longs = new long[values.Length];
                for (var row = 0; row < values.Length; row++) longs[row] = values[row] ? 1 : 0;
                return new ColumnSlice { Kind = kind, Int64 = longs, Nulls = nulls };
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Boolean columns convert to Float32, Float64 or Int64.");
        }
    }

    private static TTarget BooleanAsNumber<TTarget>(bool[] values, bool[]? nulls, int row)
        where TTarget : IFloatingPointIeee754<TTarget>
    {
        if (nulls is not null && nulls[row])
        {
            return TTarget.NaN;
        }

        return values[row] ? TTarget.One : TTarget.Zero;
    }

    private static async ValueTask<ColumnSlice> ReadTextAsync(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
    {
        var values = new string?[rows];
        await group.ReadAsync(field, values.AsMemory(), null, cancellationToken);

        var nulls = values.Any(value => value is null) ? values.Select(value => value is null).ToArray() : null;
        return new ColumnSlice { Kind = ColumnKind.Text, Text = values, Nulls = nulls };
    }
}
