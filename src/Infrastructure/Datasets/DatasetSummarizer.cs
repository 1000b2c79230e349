namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// Scans the role columns of a stored dataset row group by row group, validating every value, and totals
/// events and weights per (channel, label). Memory is bounded by one row group of the role columns.
/// </summary>
internal static class DatasetSummarizer
{
    public static async Task<DatasetSummary> SummarizeAsync(
        ParquetColumnSource source,
        RoleColumns roles,
        ChannelMapping mapping,
        CancellationToken cancellationToken)
    {
        var channels = new ChannelCatalog(mapping);
        var totals = new GroupTotals();
        var signalMasses = new HashSet<double>();
        var rowCount = 0L;

        await foreach (var group in source.ReadRowGroupsAsync(roles.Requests, cancellationToken))
        {
            var isSignal = new bool[group.RowCount];
            var channelIds = new int[group.RowCount];
            var weights = group.Slices[roles.WeightSlot];

            RoleValueRules.CheckWeights(weights, roles.Roles.Weight, group.FirstRow);
            RoleValueRules.ReadLabels(group.Slices[roles.LabelSlot], roles.Roles.Label, group.FirstRow, isSignal);
            channels.Assign(SliceOrNull(group, roles.ChannelSlot), roles.Roles.Channel, group.FirstRow, channelIds);
            CollectSignalMasses(group, roles, isSignal, signalMasses);
            if (roles.EventSlot is { } eventSlot)
            {
                RoleValueRules.CheckEventNumbers(group.Slices[eventSlot], roles.Roles.Event!, group.FirstRow);
            }

            totals.Add(channelIds, isSignal, weights.Float64!);
            rowCount += group.RowCount;
        }

        var (names, finalIndex) = channels.Finish(byName: roles.ChannelKind == ColumnKind.Text);
        return new DatasetSummary(
            rowCount,
            totals.ToGroups(names, finalIndex),
            names,
            signalMasses.Order().ToList(),
            source.Schema.Columns.Where(column => column.IsNumericFeature).Select(column => column.Name).ToList());
    }

    private static ColumnSlice? SliceOrNull(RowGroupColumns group, int? slot) => slot is { } index ? group.Slices[index] : null;

    private static void CollectSignalMasses(RowGroupColumns group, RoleColumns roles, bool[] isSignal, HashSet<double> signalMasses)
    {
        if (roles.MassSlot is not { } massSlot)
        {
            return;
        }

        var masses = new double[group.RowCount];
        RoleValueRules.ReadSignalMasses(group.Slices[massSlot], roles.Roles.Mass!, group.FirstRow, isSignal, masses);
        for (var row = 0; row < masses.Length; row++)
        {
            if (isSignal[row]) signalMasses.Add(masses[row]);
        }
    }

    /// <summary>Per provisional channel id and label: event count and compensated (Neumaier) weight sums.</summary>
    private sealed class GroupTotals
    {
        private readonly List<Accumulator> accumulators = [];

        public void Add(ReadOnlySpan<int> channelIds, ReadOnlySpan<bool> isSignal, ReadOnlySpan<double> weights)
        {
            for (var row = 0; row < channelIds.Length; row++)
            {
                var slot = (channelIds[row] * 2) + (isSignal[row] ? 1 : 0);
                while (accumulators.Count <= slot) accumulators.Add(new Accumulator());
                accumulators[slot].Add(weights[row]);
            }
        }

        public IReadOnlyList<ChannelLabelSummary> ToGroups(IReadOnlyList<string> names, int[] finalIndex)
        {
            var groups = new List<ChannelLabelSummary>();
            for (var slot = 0; slot < accumulators.Count; slot++)
            {
                var total = accumulators[slot];
                if (total.Events == 0) continue;

                groups.Add(new ChannelLabelSummary(names[finalIndex[slot / 2]], slot % 2, total.Events, total.Sum.Value, total.NegativeSum.Value));
            }

            return groups
                .OrderBy(group => names.ToList().IndexOf(group.Channel))
                .ThenBy(group => group.Label)
                .ToList();
        }
    }

    private sealed class Accumulator
    {
        public long Events { get; private set; }

        public CompensatedSum Sum { get; } = new();

        public CompensatedSum NegativeSum { get; } = new();

        public void Add(double weight)
        {
            Events++;
            Sum.Add(weight);
            if (weight < 0) NegativeSum.Add(weight);
        }
    }

    /// <summary>Neumaier summation, so totals over millions of weights keep about full double precision.</summary>
    private sealed class CompensatedSum
    {
        private double sum;

        private double compensation;

        public double Value => sum + compensation;

        public void Add(double value)
        {
            var next = sum + value;
            compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - next) + value : (value - next) + sum;
            sum = next;
        }
    }
}
