namespace HnlService.Infrastructure.Analyses;

/// <summary>
/// Values of one discriminant per mass hypothesis: one column shared by every hypothesis (a dataset
/// column or a non-parametric model), or one score column per hypothesis (a parametric model).
/// </summary>
internal sealed class DiscriminantValues
{
    private readonly IReadOnlyList<ValueColumn> columns;

    private DiscriminantValues(IReadOnlyList<ValueColumn> columns)
    {
        this.columns = columns;
    }

    public static DiscriminantValues Shared(ValueColumn column) => new([column]);

    /// <param name="columns">One column per mass hypothesis, in the order of the analysis' masses.</param>
    public static DiscriminantValues PerHypothesis(IReadOnlyList<ValueColumn> columns) => new(columns);

    /// <summary>True when every hypothesis uses the same values, so each channel's background can be sorted once.</summary>
    public bool IsShared => columns.Count == 1;

    public ValueColumn At(int massIndex) => columns.Count == 1 ? columns[0] : columns[massIndex];
}
