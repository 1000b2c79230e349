using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HnlService.Infrastructure.Persistence;

/// <summary>SQLite returns stored timestamps with an unspecified kind; every timestamp here is UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
