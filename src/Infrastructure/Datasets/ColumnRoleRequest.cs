namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// Column roles as an upload requested them. An optional role (channel, mass, event) marked explicit must
/// name an existing column; one left at its default name is dropped (becomes null) when the column is absent.
/// A null optional role means "no such column".
/// </summary>
public sealed record ColumnRoleRequest(ColumnRoles Roles, bool ChannelIsExplicit, bool MassIsExplicit, bool EventIsExplicit)
{
    private static readonly ColumnRoles Defaults = new();

    /// <summary>Treats every optional role that equals its default column name as defaulted, and any other name as explicit.</summary>
    public static ColumnRoleRequest FromRoles(ColumnRoles roles)
    {
        ArgumentNullException.ThrowIfNull(roles);

        return new ColumnRoleRequest(
            roles,
            ChannelIsExplicit: roles.Channel is not null && roles.Channel != Defaults.Channel,
            MassIsExplicit: roles.Mass is not null && roles.Mass != Defaults.Mass,
            EventIsExplicit: roles.Event is not null && roles.Event != Defaults.Event);
    }
}
