using HnlService.Domain.Analysis;
using HnlService.Infrastructure.Datasets;

namespace HnlService.Infrastructure.Analyses;

/// <summary>
/// Bins one discriminant in every (mass hypothesis, channel) pair and combines the channels per mass.
/// Pairs run in parallel when there is enough data. Each pair writes only its own slot, so the outcome
/// does not depend on the schedule.
/// </summary>
internal sealed class DiscriminantBinner(BinningSpec binning, SignificanceFormula formula)
{
    // Below this many gathered values per discriminant, handing work to other threads costs more than it saves.
    private const long ParallelThresholdValues = 200_000;

    public DiscriminantOutcome Bin(
        string name,
        DiscriminantValues values,
        EventTable table,
        AnalysisRows rows,
        CancellationToken cancellationToken)
    {
        var channelCount = rows.Channels.Count;
        var parallel = CountGatheredValues(rows, values.IsShared) >= ParallelThresholdValues && Environment.ProcessorCount > 1;
        var sharedBackgrounds = values.IsShared
            ? SortSharedBackgrounds(values.At(0), table.Weights, rows, parallel, cancellationToken)
            : null;

        var results = new ChannelResult[rows.Masses.Count * channelCount];
        RunInParallel(results.Length, parallel, cancellationToken, (pair, buffers) =>
        {
            var massIndex = pair / channelCount;
            var channel = pair % channelCount;
            var signalRows = rows.SignalByMassAndChannel[massIndex][channel];
            results[pair] = sharedBackgrounds is null
                ? EvaluatePair(values.At(massIndex), table.Weights, signalRows, rows.BackgroundByChannel[channel], buffers)
                : EvaluatePair(values.At(massIndex), table.Weights, signalRows, sharedBackgrounds[channel], buffers);
        });

        var masses = new List<MassOutcome>(rows.Masses.Count);
        for (var massIndex = 0; massIndex < rows.Masses.Count; massIndex++)
        {
            var perChannel = new Dictionary<string, ChannelResult>(channelCount);
            for (var channel = 0; channel < channelCount; channel++)
            {
                perChannel[rows.Channels[channel]] = results[(massIndex * channelCount) + channel];
            }

            masses.Add(new MassOutcome(rows.Masses[massIndex], perChannel, ChannelCombination.Combine(perChannel.Values)));
        }

        return new DiscriminantOutcome(name, masses, ComputeArea(masses));
    }

    /// <summary>
    /// Computes the trapezoid area under the average curve over ascending masses. A dataset without a
    /// mass column has one point and no curve. Its area is that point's average significance (0 when no
    /// channel is ok), so that discriminants still rank by it.
    /// </summary>
    internal static double ComputeArea(IReadOnlyList<MassOutcome> masses)
    {
        if (masses is [{ Mass: null } single])
        {
            return single.Summary?.Average ?? 0.0;
        }

        var points = masses.Select(outcome => outcome.Mass!.Value).ToArray();
        var averages = masses.Select(outcome => outcome.Summary?.Average).ToArray();
        return SignificanceCurve.AreaUnderCurve(points, averages);
    }

    private static EventSample[] SortSharedBackgrounds(
        ValueColumn values,
        double[] weights,
        AnalysisRows rows,
        bool parallel,
        CancellationToken cancellationToken)
    {
        var samples = new EventSample[rows.Channels.Count];
        RunInParallel(samples.Length, parallel, cancellationToken, (channel, buffers) =>
        {
            var backgroundRows = rows.BackgroundByChannel[channel];
            buffers.EnsureCapacity(0, backgroundRows.Length);
            samples[channel] = Gather(values, weights, backgroundRows, buffers.BackgroundValues, buffers.BackgroundWeights);
        });

        return samples;
    }

    private ChannelResult EvaluatePair(ValueColumn values, double[] weights, int[] signalRows, int[] backgroundRows, GatherBuffers buffers)
    {
        buffers.EnsureCapacity(signalRows.Length, backgroundRows.Length);
        var signalCount = signalRows.Length;
        var backgroundCount = backgroundRows.Length;

        values.Gather(signalRows, buffers.SignalValues);
        GatherWeights(weights, signalRows, buffers.SignalWeights);
        values.Gather(backgroundRows, buffers.BackgroundValues);
        GatherWeights(weights, backgroundRows, buffers.BackgroundWeights);

        return ChannelAnalysis.Evaluate(
            buffers.SignalValues.AsSpan(0, signalCount),
            buffers.SignalWeights.AsSpan(0, signalCount),
            buffers.BackgroundValues.AsSpan(0, backgroundCount),
            buffers.BackgroundWeights.AsSpan(0, backgroundCount),
            binning,
            formula);
    }

    private ChannelResult EvaluatePair(ValueColumn values, double[] weights, int[] signalRows, EventSample background, GatherBuffers buffers)
    {
        buffers.EnsureCapacity(signalRows.Length, 0);
        var signal = Gather(values, weights, signalRows, buffers.SignalValues, buffers.SignalWeights);

        return ChannelAnalysis.Evaluate(signal, background, binning, formula);
    }

    private static EventSample Gather(ValueColumn values, double[] weights, int[] rows, double[] valueBuffer, double[] weightBuffer)
    {
        values.Gather(rows, valueBuffer);
        GatherWeights(weights, rows, weightBuffer);

        return EventSample.Create(valueBuffer.AsSpan(0, rows.Length), weightBuffer.AsSpan(0, rows.Length));
    }

    private static void RunInParallel(int count, bool parallel, CancellationToken cancellationToken, Action<int, GatherBuffers> body)
    {
        if (!parallel)
        {
            var buffers = new GatherBuffers();
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                body(i, buffers);
            }

            return;
        }

        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        Parallel.For(
            0,
            count,
            options,
            () => new GatherBuffers(),
            (i, _, buffers) =>
            {
                body(i, buffers);
                return buffers;
            },
            _ => { });
    }

    private static long CountGatheredValues(AnalysisRows rows, bool backgroundShared)
    {
        long background = rows.BackgroundByChannel.Sum(channelRows => (long)channelRows.Length);
        long signal = rows.SignalByMassAndChannel.Sum(perChannel => perChannel.Sum(channelRows => (long)channelRows.Length));
        return signal + (backgroundShared ? background : background * rows.Masses.Count);
    }

    private static void GatherWeights(double[] weights, int[] rows, double[] destination)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            destination[i] = weights[rows[i]];
        }
    }

    /// <summary>Value and weight arrays reused by the pairs one thread evaluates, grown to the largest pair seen.</summary>
    private sealed class GatherBuffers
    {
        public double[] SignalValues { get; private set; } = [];

        public double[] SignalWeights { get; private set; } = [];

        public double[] BackgroundValues { get; private set; } = [];

        public double[] BackgroundWeights { get; private set; } = [];

        public void EnsureCapacity(int signalCount, int backgroundCount)
        {
            if (SignalValues.Length < signalCount)
            {
                SignalValues = new double[signalCount];
                SignalWeights = new double[signalCount];
            }

            if (BackgroundValues.Length < backgroundCount)
            {
                BackgroundValues = new double[backgroundCount];
                BackgroundWeights = new double[backgroundCount];
            }
        }
    }
}
