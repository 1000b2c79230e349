using System.Globalization;

namespace HnlService.Domain.Tests.Analysis;

/// <summary>
/// The synthetic HNL-like events (60,000 rows; Mt_tot, genWeight, signal_label, channel, mass_hyp)
/// in file order, and the selections the Python reference makes from them.
/// </summary>
internal sealed class ReferenceData
{
    /// <summary>Channel names of the expected files, indexed by the integer channel column.</summary>
    public static readonly string[] ChannelNames = ["tee", "tem", "tmm", "tte", "ttm"];

    private static readonly Lazy<ReferenceData> Loaded = new(() => Load(Path.Combine(AppContext.BaseDirectory, "TestData", "hnl-like-60k-Mt_tot.csv")));

    private ReferenceData(double[] values, double[] weights, int[] labels, int[] channels, double[] masses)
    {
        Values = values;
        Weights = weights;
        Labels = labels;
        Channels = channels;
        Masses = masses;
    }

    public static ReferenceData Instance => Loaded.Value;

    public double[] Values { get; }

    public double[] Weights { get; }

    public int[] Labels { get; }

    public int[] Channels { get; }

    public double[] Masses { get; }

    /// <summary>Returns the signal rows of one channel and mass, in file order.</summary>
    public (double[] Values, double[] Weights) Signal(int channel, double mass)
    {
        return Select(i => Labels[i] == 1 && Channels[i] == channel && Masses[i] == mass);
    }

    /// <summary>Returns the background rows of one channel, in file order.</summary>
    public (double[] Values, double[] Weights) Background(int channel)
    {
        return Select(i => Labels[i] == 0 && Channels[i] == channel);
    }

    private (double[] Values, double[] Weights) Select(Func<int, bool> predicate)
    {
        var values = new List<double>();
        var weights = new List<double>();
        for (int i = 0; i < Values.Length; i++)
        {
            if (predicate(i))
            {
                values.Add(Values[i]);
                weights.Add(Weights[i]);
            }
        }

        return (values.ToArray(), weights.ToArray());
    }

    private static ReferenceData Load(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[] header = lines[0].Split(',');
        int valueColumn = Array.IndexOf(header, "Mt_tot");
        int weightColumn = Array.IndexOf(header, "genWeight");
        int labelColumn = Array.IndexOf(header, "signal_label");
        int channelColumn = Array.IndexOf(header, "channel");
        int massColumn = Array.IndexOf(header, "mass_hyp");

        int rows = lines.Length - 1;
        var values = new double[rows];
        var weights = new double[rows];
        var labels = new int[rows];
        var channels = new int[rows];
        var masses = new double[rows];
        for (int row = 0; row < rows; row++)
        {
            string[] fields = lines[row + 1].Split(',');
            values[row] = Parse(fields[valueColumn]);
            weights[row] = Parse(fields[weightColumn]);
            labels[row] = (int)Parse(fields[labelColumn]);
            channels[row] = (int)Parse(fields[channelColumn]);
            masses[row] = Parse(fields[massColumn]);
        }

        return new ReferenceData(values, weights, labels, channels, masses);
    }

    private static double Parse(string field)
    {
        return double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
