using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HnlService.Infrastructure.Persistence;

/// <summary>
/// Stores a double array as JSON text on both providers, so PostgreSQL and SQLite share one model;
/// results are only ever read whole, never queried by element.
/// </summary>
public sealed class DoubleArrayJsonConverter() : ValueConverter<double[], string>(
    value => StoredJson.Serialize(value),
    json => StoredJson.Deserialize<double[]>(json))
{
    public static ValueComparer<double[]> Comparer { get; } = new(
        (left, right) => ReferenceEquals(left, right) || (left != null && right != null && left.SequenceEqual(right)),
        value => value.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
        value => value.ToArray());
}
