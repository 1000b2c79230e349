namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// Names of the columns that play a role in an analysis. Channel, Mass and Event are optional:
/// after ingestion a role whose column is absent is null.
/// </summary>
public sealed record ColumnRoles(
    string Weight = "genWeight",
    string Label = "signal_label",
    string? Channel = "channel",
    string? Mass = "mass_hyp",
    string? Event = "event");
