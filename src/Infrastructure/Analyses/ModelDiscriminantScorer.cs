using HnlService.Infrastructure.Datasets;
using HnlService.Infrastructure.Models;

namespace HnlService.Infrastructure.Analyses;

/// <summary>
/// Turns a model discriminant into score columns, one per mass hypothesis for a parametric model and one
/// for every hypothesis otherwise, reading and filling the score cache on the way.
/// </summary>
/// <remarks>
/// A parametric model scores, at hypothesis m, every background row and the signal rows whose mass is m,
/// all with the mass feature set to m. For those signal rows m is their own mass, so this is the rule
/// "own mass on signal rows, m on background rows", and the mass feature never has to be read from the
/// dataset. Rows are scored in every channel, so a cached entry serves any later channel selection.
/// </remarks>
internal sealed class ModelDiscriminantScorer(ScoreCache? cache, ScoringOptions options)
{
    /// <summary>Rows the scoring of one discriminant covers, for the stage's progress total.</summary>
    public static long CountRowsToScore(ValidatedModel model, EventTable table, AnalysisRows rows)
    {
        if (model.Manifest.MassFeature is null)
        {
            return table.RowCount;
        }

        return rows.SignalCountByMass.Sum(signalRows => (long)signalRows + rows.BackgroundCount);
    }

    public DiscriminantValues Score(
        PlannedDiscriminant discriminant,
        string datasetSha256,
        EventTable table,
        AnalysisRows rows,
        ScoringProgress progress,
        CancellationToken cancellationToken)
    {
        var model = discriminant.Model
            ?? throw new ArgumentException($"Discriminant '{discriminant.Name}' has no model to score.", nameof(discriminant));
        using var scorer = new LazyScorer(model, options);
        var entry = new CacheEntry(cache, datasetSha256, discriminant.ModelKey, table.RowCount);

        if (model.Manifest.MassFeature is null)
        {
            var scores = GetOrScore(entry, ScoreCache.AllMassesKey, scorer, table, rowsToScore: null, table.RowCount, massValue: null, progress, cancellationToken);
            return DiscriminantValues.Shared(ValueColumn.Of(scores));
        }

        if (rows.Masses is [null])
        {
            throw new ArgumentException(
                $"Model discriminant '{discriminant.Name}' is parametric (mass feature '{model.Manifest.MassFeature}') but the dataset has no mass column.",
                nameof(discriminant));
        }

        var columns = new List<ValueColumn>(rows.Masses.Count);
        for (var massIndex = 0; massIndex < rows.Masses.Count; massIndex++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            var massValue = rows.Masses[massIndex]!.Value;
            var scores = GetOrScore(
                entry,
                ScoreCache.MassKey(massValue),
                scorer,
                table,
                () => AnalysisRows.HypothesisRows(table, massValue),
                rows.SignalCountByMass[massIndex] + rows.BackgroundCount,
                (float)massValue,
                progress,
                cancellationToken);
            columns.Add(ValueColumn.Of(scores));
        }

        return DiscriminantValues.PerHypothesis(columns);
    }

    private static float[] GetOrScore(
        CacheEntry entry,
        string hypothesisKey,
        LazyScorer scorer,
        EventTable table,
        Func<int[]>? rowsToScore,
        long rowCountToScore,
        float? massValue,
        ScoringProgress progress,
        CancellationToken cancellationToken)
    {
        var cached = entry.TryRead(hypothesisKey);
        if (cached is not null)
        {
            progress.Advance(rowCountToScore);
            return cached;
        }

        var rows = rowsToScore?.Invoke();
        var request = new ScoringRequest(table.Features, table.EventNumbers, rows, massValue);
        var scores = scorer.Value.Score(request, new SynchronousProgress<long>(progress.ReportWithin), cancellationToken);
        var allRows = rows is null ? scores : SpreadOverTable(scores, rows, table.RowCount);
        progress.Advance(rowCountToScore);

        entry.Write(hypothesisKey, allRows);
        return allRows;
    }

    private static float[] SpreadOverTable(float[] scores, int[] rows, int rowCount)
    {
        var allRows = new float[rowCount];
        Array.Fill(allRows, float.NaN);
        for (var i = 0; i < rows.Length; i++)
        {
            allRows[rows[i]] = scores[i];
        }

        return allRows;
    }

    /// <summary>The cache location of one (dataset, model); inert when there is no cache or no model key.</summary>
    private readonly record struct CacheEntry(ScoreCache? Cache, string DatasetSha256, string? ModelKey, int RowCount)
    {
        public float[]? TryRead(string hypothesisKey)
        {
            return Cache is null || ModelKey is null ? null : Cache.TryRead(DatasetSha256, ModelKey, hypothesisKey, RowCount);
        }

        public void Write(string hypothesisKey, float[] scores)
        {
            if (Cache is not null && ModelKey is not null)
            {
                Cache.Write(DatasetSha256, ModelKey, hypothesisKey, scores);
            }
        }
    }

    /// <summary>Creates the ONNX Runtime sessions on first use only, so an analysis served from the cache never loads the model.</summary>
    private sealed class LazyScorer(ValidatedModel model, ScoringOptions options) : IDisposable
    {
        private ModelScorer? scorer;

        public ModelScorer Value => scorer ??= new ModelScorer(model, options);

        public void Dispose() => scorer?.Dispose();
    }
}
