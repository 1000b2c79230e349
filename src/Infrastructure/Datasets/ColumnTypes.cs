using Parquet.Schema;

namespace HnlService.Infrastructure.Datasets;

/// <summary>Classifies Parquet.Net fields by the CLR type the library reads them as.</summary>
internal static class ColumnTypes
{
    private static readonly HashSet<Type> NumericTypes =
    [
        typeof(double), typeof(float), typeof(long), typeof(int), typeof(short), typeof(sbyte),
        typeof(ulong), typeof(uint), typeof(ushort), typeof(byte), typeof(bool),
    ];

    /// <summary>
    /// True for flat integer, floating-point and boolean columns (booleans read as 0 and 1). Decimal, timestamp,
    /// INT96, date and time columns map to other CLR types in Parquet.Net 6.1 and so are not numeric.
    /// </summary>
    public static bool IsNumeric(Field field) =>
        field is DataField data && !IsNested(field) && NumericTypes.Contains(data.ClrType);

    public static bool IsText(Field field) =>
        field is DataField data && !IsNested(field)
        && (data.ClrType == typeof(ReadOnlyMemory<char>) || data.ClrType == typeof(string));

    public static bool IsBoolean(Field field) => field is DataField data && data.ClrType == typeof(bool);

    public static bool IsFloatingPoint(Field field) =>
        field is DataField data && (data.ClrType == typeof(double) || data.ClrType == typeof(float));

    /// <summary>Lists, maps, structs and repeated leaves: anything that is not one value per row.</summary>
    public static bool IsNested(Field field) =>
        field.SchemaType != SchemaType.Data || field.MaxRepetitionLevel > 0;

    /// <summary>Readable type name for messages: the Parquet physical type plus its annotation.</summary>
    public static string Describe(Field field)
    {
        var physical = PhysicalTypeOf(field);
        var logical = LogicalTypeOf(field);
        return logical is null ? physical : $"{physical} ({logical})";
    }

    public static string PhysicalTypeOf(Field field) =>
        field.SchemaType == SchemaType.Data ? field.SchemaElement?.Type?.ToString() ?? "UNKNOWN" : "GROUP";

    /// <summary>The logical type annotation, falling back to the older converted type; null for plain values.</summary>
    public static string? LogicalTypeOf(Field field)
    {
        var element = field.SchemaElement;
        var logical = element?.LogicalType;
        if (logical is not null)
        {
            var name = logical.GetType().GetProperties()
                .Where(property => property.GetValue(logical) is not null)
                .Select(property => property.Name)
                .FirstOrDefault();
            if (name == "DECIMAL")
            {
                return $"DECIMAL({element!.Precision},{element.Scale})";
            }

            if (name is not null)
            {
                return name;
            }
        }

        if (element?.ConvertedType is { } converted)
        {
            return converted.ToString();
        }

        return field.SchemaType switch
        {
            SchemaType.List => "LIST",
            SchemaType.Map => "MAP",
            SchemaType.Struct => "STRUCT",
            _ => null,
        };
    }
}
