namespace HnlService.Domain.Analysis;

/// <summary>
/// Prefix sums of the weights and squared weights of a sorted sample. Each prefix is kept as a high
/// and a low part whose sum is the running total up to a tiny bound (TwoSum). The sum over any
/// run of sorted events then costs O(1) and is accurate to a few units in the last place.
/// </summary>
/// <remarks>Arrays are rented from the shared pool; dispose to return them.</remarks>
internal sealed class CompensatedPrefixSums : IDisposable
{
    private const double UnitRoundoff = 1.0 / (1L << 53);

    private readonly double[] _sumHigh;
    private readonly double[] _sumLow;
    private readonly double[] _squaresHigh;
    private readonly double[] _squaresLow;
    private readonly double _lowPartBound;
    private readonly double _squaresLowPartBound;

    public CompensatedPrefixSums(EventSample sample)
    {
        int n = sample.Count;
        _sumHigh = ScratchArrays.Doubles.Rent(n + 1);
        _sumLow = ScratchArrays.Doubles.Rent(n + 1);
        _squaresHigh = ScratchArrays.Doubles.Rent(n + 1);
        _squaresLow = ScratchArrays.Doubles.Rent(n + 1);

        double absoluteSum = Fill(sample.SortedWeights, square: false, _sumHigh, _sumLow);
        double squaresSum = Fill(sample.SortedWeights, square: true, _squaresHigh, _squaresLow);

        // The low parts are plain sums of n rounding errors, each at most u times a partial sum,
        // so their own error is below n^2 u^2 times the sum of magnitudes (doubled for slack).
        double n2 = (double)(n + 1) * (n + 1);
        _lowPartBound = 4.0 * n2 * UnitRoundoff * UnitRoundoff * absoluteSum;
        _squaresLowPartBound = 4.0 * n2 * UnitRoundoff * UnitRoundoff * squaresSum;
    }

    /// <summary>Returns the sum of weights over sorted events [start, end) and a bound on its error.</summary>
    public (double Sum, double ErrorBound) Sum(int start, int end)
    {
        return Difference(_sumHigh, _sumLow, start, end, _lowPartBound);
    }

    /// <summary>Returns the sum of squared weights over sorted events [start, end) and a bound on its error.</summary>
    public (double Sum, double ErrorBound) SumOfSquares(int start, int end)
    {
        return Difference(_squaresHigh, _squaresLow, start, end, _squaresLowPartBound);
    }

    public void Dispose()
    {
        ScratchArrays.Doubles.Return(_sumHigh);
        ScratchArrays.Doubles.Return(_sumLow);
        ScratchArrays.Doubles.Return(_squaresHigh);
        ScratchArrays.Doubles.Return(_squaresLow);
    }

    private static (double Sum, double ErrorBound) Difference(double[] high, double[] low, int start, int end, double lowPartBound)
    {
        if (start >= end)
        {
            return (0.0, 0.0);
        }

        double highDifference = high[end] - high[start];
        double lowDifference = low[end] - low[start];
        double sum = highDifference + lowDifference;

        // Three roundings (two subtractions and the final addition) plus the low parts' own error.
        double bound = 4.0 * UnitRoundoff * (Math.Abs(sum) + Math.Abs(lowDifference)) + 2.0 * lowPartBound;
        return (sum, bound);
    }

    /// <summary>Fills the prefix arrays and returns the sum of magnitudes of the added terms.</summary>
    private static double Fill(ReadOnlySpan<double> weights, bool square, double[] high, double[] low)
    {
        double runningHigh = 0.0, runningLow = 0.0, magnitude = 0.0;
        high[0] = 0.0;
        low[0] = 0.0;
        for (int i = 0; i < weights.Length; i++)
        {
            double term = square ? weights[i] * weights[i] : weights[i];

            // TwoSum: next + error == runningHigh + term exactly.
            double next = runningHigh + term;
            double termPart = next - runningHigh;
            double error = (runningHigh - (next - termPart)) + (term - termPart);

            runningHigh = next;
            runningLow += error;
            magnitude += Math.Abs(term);
            high[i + 1] = runningHigh;
            low[i + 1] = runningLow;
        }

        // Slack for the rounding of the magnitude sum itself.
        return magnitude * 1.01;
    }
}
