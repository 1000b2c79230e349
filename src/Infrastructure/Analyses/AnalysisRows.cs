using HnlService.Infrastructure.Datasets;

namespace HnlService.Infrastructure.Analyses;

/// <summary>
/// Row indices of an event table grouped the way the analysis uses them: background rows per
/// selected channel, signal rows per (mass hypothesis, selected channel), and the rows a parametric
/// model scores at each hypothesis. Every list is in ascending row order.
/// </summary>
internal sealed class AnalysisRows
{
    private AnalysisRows(
        IReadOnlyList<string> channels,
        IReadOnlyList<double?> masses,
        int[][] backgroundByChannel,
        int[][][] signalByMassAndChannel,
        int[] signalCountByMass,
        int backgroundCount)
    {
        Channels = channels;
        Masses = masses;
        BackgroundByChannel = backgroundByChannel;
        SignalByMassAndChannel = signalByMassAndChannel;
        SignalCountByMass = signalCountByMass;
        BackgroundCount = backgroundCount;
    }

    public IReadOnlyList<string> Channels { get; }

    /// <summary>Mass hypotheses in the requested order; a single null for a dataset without a mass column.</summary>
    public IReadOnlyList<double?> Masses { get; }

    /// <summary>[channel] -> background rows of that channel.</summary>
    public int[][] BackgroundByChannel { get; }

    /// <summary>[mass][channel] -> signal rows of that channel whose mass equals the hypothesis.</summary>
    public int[][][] SignalByMassAndChannel { get; }

    /// <summary>[mass] -> signal rows at that hypothesis in every channel, selected or not.</summary>
    public int[] SignalCountByMass { get; }

    /// <summary>Background rows in every channel, selected or not.</summary>
    public int BackgroundCount { get; }

    /// <summary>
    /// Groups the rows of table. Masses of signal rows match a hypothesis by exact float64 equality,
    /// as the reference compares them. Without a mass column every signal row belongs to the one hypothesis.
    /// </summary>
    public static AnalysisRows Build(EventTable table, IReadOnlyList<string> channels, IReadOnlyList<double?> masses)
    {
        var channelPositions = MapChannelPositions(table.ChannelNames, channels);
        var massPositions = MapMassPositions(masses);
        var background = NewLists(channels.Count);
        var signal = masses.Select(_ => NewLists(channels.Count)).ToArray();
        var signalCountByMass = new int[masses.Count];
        var backgroundCount = 0;

        for (var row = 0; row < table.RowCount; row++)
        {
            var channel = channelPositions[table.ChannelIndex[row]];
            if (!table.IsSignal[row])
            {
                backgroundCount++;
                if (channel >= 0)
                {
                    background[channel].Add(row);
                }

                continue;
            }

            var mass = massPositions is null ? 0 : FindMass(massPositions, table.Masses[row]);
            if (mass < 0)
            {
                continue;
            }

            signalCountByMass[mass]++;
            if (channel >= 0)
            {
                signal[mass][channel].Add(row);
            }
        }

        return new AnalysisRows(
            channels,
            masses,
            background.Select(list => list.ToArray()).ToArray(),
            signal.Select(perChannel => perChannel.Select(list => list.ToArray()).ToArray()).ToArray(),
            signalCountByMass,
            backgroundCount);
    }

    /// <summary>Rows a parametric model scores at one hypothesis: every background row and the signal rows at that mass.</summary>
    public static int[] HypothesisRows(EventTable table, double mass)
    {
        var rows = new List<int>();
        for (var row = 0; row < table.RowCount; row++)
        {
            if (!table.IsSignal[row] || table.Masses[row] == mass)
            {
                rows.Add(row);
            }
        }

        return rows.ToArray();
    }

    private static int[] MapChannelPositions(IReadOnlyList<string> tableChannels, IReadOnlyList<string> channels)
    {
        var positions = new int[tableChannels.Count];
        for (var i = 0; i < tableChannels.Count; i++)
        {
            positions[i] = IndexOf(channels, tableChannels[i]);
        }

        return positions;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static Dictionary<double, int>? MapMassPositions(IReadOnlyList<double?> masses)
    {
        if (masses is [null])
        {
            return null;
        }

        var positions = new Dictionary<double, int>();
        for (var i = 0; i < masses.Count; i++)
        {
            positions.TryAdd(masses[i]!.Value, i);
        }

        return positions;
    }

    private static int FindMass(Dictionary<double, int> massPositions, double mass)
    {
        // NaN marks a missing mass; Dictionary<double, int> would treat NaN as equal to NaN.
        if (double.IsNaN(mass))
        {
            return -1;
        }

        return massPositions.TryGetValue(mass, out var position) ? position : -1;
    }

    private static List<int>[] NewLists(int count)
    {
        var lists = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            lists[i] = [];
        }

        return lists;
    }
}
