using System.Diagnostics;
using HnlService.Infrastructure.Datasets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HnlService.Infrastructure.Analyses;

/// <summary>
/// Loads the projected columns, scores, bins and computes significance; writes nothing to the database.
/// Progress runs through the stages loading (0 to 0.1), scoring (0.1 to 0.8, in proportion to rows
/// scored) and binning (0.8 to 1). Cancellation is checked between mass hypotheses, between
/// discriminants and between scoring batches. One instance may run several analyses at once: each run
/// has its own scorers and buffers, and the score cache writes whole files by rename.
/// </summary>
public sealed class AnalysisPipeline
{
    private readonly AnalysisPipelineOptions options;

    private readonly ILogger logger;

    /// <summary>A pipeline without a score cache.</summary>
    public AnalysisPipeline()
        : this(AnalysisPipelineOptions.Default)
    {
    }

    public AnalysisPipeline(AnalysisPipelineOptions options, ILogger<AnalysisPipeline>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        this.options = options;
        this.logger = logger ?? NullLogger<AnalysisPipeline>.Instance;
        ScoreCache = options.ScoreCacheDirectory is null ? null : new ScoreCache(options.ScoreCacheDirectory, this.logger);
    }

    /// <summary>The score cache, or null when the options name no directory.</summary>
    public ScoreCache? ScoreCache { get; }

    /// <exception cref="ArgumentException">The plan names a channel or column the dataset lacks, or a parametric model for a dataset without masses.</exception>
    /// <exception cref="OperationCanceledException">cancellationToken was cancelled.</exception>
    public async Task<AnalysisOutcome> RunAsync(
        AnalysisPlan plan,
        IProgress<AnalysisProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);

        var total = Stopwatch.StartNew();
        AnalysisPipelineLog.Started(logger, plan.DatasetSha256, plan.Discriminants.Count);
        progress?.Report(new AnalysisProgress(PipelineStages.Loading, 0.0));

        var loading = Stopwatch.StartNew();
        var table = await LoadAsync(plan, cancellationToken).ConfigureAwait(false);
        var rows = AnalysisRows.Build(table, SelectChannels(plan, table), SelectMasses(plan, table));
        loading.Stop();
        AnalysisPipelineLog.Loaded(
            logger, table.RowCount, table.Features.Count, loading.ElapsedMilliseconds, PerSecond(table.RowCount, loading), rows.Channels.Count, rows.Masses.Count);
        progress?.Report(new AnalysisProgress(PipelineStages.Loading, PipelineStages.ScoringStart));

        var scoring = Stopwatch.StartNew();
        var values = Score(plan, table, rows, progress, cancellationToken);
        scoring.Stop();
        progress?.Report(new AnalysisProgress(PipelineStages.Binning, PipelineStages.BinningStart));

        var binning = Stopwatch.StartNew();
        var discriminants = Bin(plan, table, rows, values, progress, cancellationToken);
        binning.Stop();
        AnalysisPipelineLog.Binned(logger, discriminants.Count * rows.Masses.Count * rows.Channels.Count, binning.ElapsedMilliseconds);

        var timings = new AnalysisTimings(loading.ElapsedMilliseconds, scoring.ElapsedMilliseconds, binning.ElapsedMilliseconds);
        AnalysisPipelineLog.Finished(logger, plan.DatasetSha256, total.ElapsedMilliseconds, timings.LoadingMs, timings.ScoringMs, timings.BinningMs);
        return new AnalysisOutcome(rows.Channels, rows.Masses, discriminants, timings);
    }

    private static Task<EventTable> LoadAsync(AnalysisPlan plan, CancellationToken cancellationToken)
    {
        var featureColumns = new SortedSet<string>(StringComparer.Ordinal);
        var discriminantColumns = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var discriminant in plan.Discriminants)
        {
            if (discriminant.Column is not null)
            {
                discriminantColumns.Add(discriminant.Column);
            }

            if (discriminant.Model is not null)
            {
                featureColumns.UnionWith(FeatureColumnsOf(discriminant));
            }
        }

        return new EventTableReader().ReadAsync(plan.DatasetPath, plan.Roles, plan.Mapping, featureColumns, discriminantColumns, cancellationToken);
    }

    /// <summary>
    /// Returns the model's required columns without its event column, which the table carries as exact
    /// int64 event numbers. As float32, event numbers above 2^24 would be rounded and land in the wrong fold.
    /// </summary>
    /// <remarks>
    /// NOTE: fold members take event numbers from the dataset's event role column, even when the manifest
    /// names another event column. A dataset whose event numbers are in another column needs that role set at upload.
    /// </remarks>
    private static IEnumerable<string> FeatureColumnsOf(PlannedDiscriminant discriminant)
    {
        var model = discriminant.Model!;
        var eventColumn = model.Manifest.EventColumn;
        return model.RequiredColumns.Where(column => column != eventColumn || model.Features.Contains(column));
    }

    private static IReadOnlyList<string> SelectChannels(AnalysisPlan plan, EventTable table)
    {
        if (plan.Channels is null)
        {
            return table.ChannelNames;
        }

        var unknown = plan.Channels.Where(channel => !table.ChannelNames.Contains(channel)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Channels {string.Join(", ", unknown)} are not in the dataset, whose channels are {string.Join(", ", table.ChannelNames)}.",
                nameof(plan));
        }

        return plan.Channels.Distinct().ToList();
    }

    private static IReadOnlyList<double?> SelectMasses(AnalysisPlan plan, EventTable table)
    {
        if (plan.Roles.Mass is null)
        {
            if (plan.Masses is { Count: > 0 })
            {
                throw new ArgumentException("The plan lists mass hypotheses but the dataset has no mass column.", nameof(plan));
            }

            return [null];
        }

        if (plan.Masses is not null)
        {
            return plan.Masses.Distinct().Select(mass => (double?)mass).ToList();
        }

        var masses = new SortedSet<double>();
        for (var row = 0; row < table.RowCount; row++)
        {
            if (table.IsSignal[row] && !double.IsNaN(table.Masses[row]))
            {
                masses.Add(table.Masses[row]);
            }
        }

        return masses.Select(mass => (double?)mass).ToList();
    }

    private DiscriminantValues[] Score(
        AnalysisPlan plan,
        EventTable table,
        AnalysisRows rows,
        IProgress<AnalysisProgress>? progress,
        CancellationToken cancellationToken)
    {
        var totalRows = plan.Discriminants
            .Where(discriminant => discriminant.Model is not null)
            .Sum(discriminant => ModelDiscriminantScorer.CountRowsToScore(discriminant.Model!, table, rows));
        var scoringProgress = new ScoringProgress(totalRows, progress);
        var scorer = new ModelDiscriminantScorer(ScoreCache, options.Scoring);

        var values = new DiscriminantValues[plan.Discriminants.Count];
        for (var i = 0; i < values.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            var discriminant = plan.Discriminants[i];
            values[i] = discriminant.Model is null
                ? DiscriminantValues.Shared(ValueColumn.Of(ColumnValues(discriminant, table)))
                : ScoreModel(scorer, discriminant, plan.DatasetSha256, table, rows, scoringProgress, cancellationToken);
        }

        return values;
    }

    private DiscriminantValues ScoreModel(
        ModelDiscriminantScorer scorer,
        PlannedDiscriminant discriminant,
        string datasetSha256,
        EventTable table,
        AnalysisRows rows,
        ScoringProgress progress,
        CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var rowsBefore = progress.CompletedRows;
        var hitsBefore = ScoreCache?.Hits ?? 0;

        var values = scorer.Score(discriminant, datasetSha256, table, rows, progress, cancellationToken);

        var rowCount = progress.CompletedRows - rowsBefore;
        AnalysisPipelineLog.Scored(logger, discriminant.Name, rowCount, (ScoreCache?.Hits ?? 0) - hitsBefore, watch.ElapsedMilliseconds, PerSecond(rowCount, watch));
        return values;
    }

    private static double[] ColumnValues(PlannedDiscriminant discriminant, EventTable table)
    {
        if (discriminant.Column is null || !table.Discriminants.TryGetValue(discriminant.Column, out var column))
        {
            throw new ArgumentException(
                $"Discriminant '{discriminant.Name}' names neither a model nor a column that was read (column '{discriminant.Column}').",
                nameof(discriminant));
        }

        return column;
    }

    private static List<DiscriminantOutcome> Bin(
        AnalysisPlan plan,
        EventTable table,
        AnalysisRows rows,
        DiscriminantValues[] values,
        IProgress<AnalysisProgress>? progress,
        CancellationToken cancellationToken)
    {
        var binner = new DiscriminantBinner(plan.Binning, plan.Formula);
        var outcomes = new List<DiscriminantOutcome>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            outcomes.Add(binner.Bin(plan.Discriminants[i].Name, values[i], table, rows, cancellationToken));
            var fraction = PipelineStages.BinningStart + ((1.0 - PipelineStages.BinningStart) * (i + 1) / values.Length);
            progress?.Report(new AnalysisProgress(PipelineStages.Binning, fraction));
        }

        return outcomes;
    }

    private static long PerSecond(long count, Stopwatch watch)
    {
        var seconds = watch.Elapsed.TotalSeconds;
        return seconds > 0 ? (long)(count / seconds) : 0;
    }
}
