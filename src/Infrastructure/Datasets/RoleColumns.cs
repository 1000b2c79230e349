namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// Resolves requested roles against a file and lists the projected reads they need, in a fixed order:
/// weight, label, then channel, mass and event when mapped.
/// </summary>
internal sealed class RoleColumns
{
    private RoleColumns(ColumnRoles roles, ColumnKind? channelKind)
    {
        Roles = roles;
        ChannelKind = channelKind;

        var requests = new List<ColumnRequest> { new(roles.Weight, ColumnKind.Float64), new(roles.Label, ColumnKind.Float64) };
        ChannelSlot = AddOptional(requests, roles.Channel, channelKind);
        MassSlot = AddOptional(requests, roles.Mass, ColumnKind.Float64);
        EventSlot = AddOptional(requests, roles.Event, ColumnKind.Int64);
        Requests = requests;
    }

    /// <summary>Roles with absent optional columns set to null.</summary>
    public ColumnRoles Roles { get; }

    public ColumnKind? ChannelKind { get; }

    public IReadOnlyList<ColumnRequest> Requests { get; }

    public int WeightSlot => 0;

    public int LabelSlot => 1;

    public int? ChannelSlot { get; }

    public int? MassSlot { get; }

    public int? EventSlot { get; }

    /// <summary>
    /// Applies the upload's role request. Weight and label must exist. An optional role must exist when it was named
    /// explicitly, and it is dropped when it was left at its default name and the column is absent.
    /// </summary>
    public static RoleColumns Resolve(ParquetColumnSource source, ColumnRoleRequest request)
    {
        var roles = request.Roles;
        var resolved = new ColumnRoles(
            roles.Weight,
            roles.Label,
            Optional(source, roles.Channel, request.ChannelIsExplicit),
            Optional(source, roles.Mass, request.MassIsExplicit),
            Optional(source, roles.Event, request.EventIsExplicit));

        if (resolved.Mass is { } mass && !source.HasColumn(mass))
        {
            throw new DatasetValidationException(
                "missing-column",
                $"Mass column '{mass}' was not found. Name the column that holds each signal event's mass hypothesis, " +
                "or leave the mass role empty when all signal events belong to one hypothesis.",
                mass);
        }

        return ForResolved(source, resolved);
    }

    /// <summary>Uses roles as given: every non-null role must name a readable column.</summary>
    public static RoleColumns ForResolved(ParquetColumnSource source, ColumnRoles roles)
    {
        source.ResolveField(roles.Weight, ColumnKind.Float64);
        source.ResolveField(roles.Label, ColumnKind.Float64);
        var channelKind = roles.Channel is null ? (ColumnKind?)null : ChannelKindOf(source, roles.Channel);
        if (roles.Mass is not null) source.ResolveField(roles.Mass, ColumnKind.Float64);
        if (roles.Event is not null) source.ResolveField(roles.Event, ColumnKind.Int64);

        return new RoleColumns(roles, channelKind);
    }

    private static string? Optional(ParquetColumnSource source, string? column, bool isExplicit)
    {
        if (string.IsNullOrWhiteSpace(column))
        {
            return null;
        }

        return isExplicit || source.HasColumn(column) ? column : null;
    }

    private static ColumnKind ChannelKindOf(ParquetColumnSource source, string column)
    {
        var field = source.GetField(column);
        if (ColumnTypes.IsText(field))
        {
            return ColumnKind.Text;
        }

        if (ColumnTypes.IsBoolean(field))
        {
            throw new DatasetValidationException(
                "invalid-channel",
                $"Column '{column}' is boolean, but a channel column must hold integers (mapped to names) or strings (used as names).",
                column);
        }

        source.ResolveField(column, ColumnKind.Int64);
        return ColumnKind.Int64;
    }

    private static int? AddOptional(List<ColumnRequest> requests, string? column, ColumnKind? kind)
    {
        if (column is null || kind is null)
        {
            return null;
        }

        requests.Add(new ColumnRequest(column, kind.Value));
        return requests.Count - 1;
    }
}
