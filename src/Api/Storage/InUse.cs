namespace HnlService.Api.Storage;

/// <summary>Wording shared by the conflicts that stop a dataset or model still in use from being deleted.</summary>
internal static class InUse
{
    private const int ListedIds = 5;

    /// <summary>The first few analysis ids, then how many more there are.</summary>
    public static string List(IReadOnlyList<Guid> analysisIds)
    {
        var listed = string.Join(", ", analysisIds.Take(ListedIds));
        return analysisIds.Count > ListedIds ? $"{listed} and {analysisIds.Count - ListedIds} more" : listed;
    }
}
