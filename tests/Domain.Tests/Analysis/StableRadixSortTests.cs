using HnlService.Domain.Analysis;

namespace HnlService.Domain.Tests.Analysis;

public sealed class StableRadixSortTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 1000)]
    [InlineData(3, 100000)]
    public void Sort_MatchesStableComparisonSort_ForValuesWithTies(int seed, int count)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            // Few distinct values, both signs, both zeros and large magnitudes, so ties and sign handling matter.
            values[i] = random.Next(6) switch
            {
                0 => -0.0,
                1 => 0.0,
                2 => Math.Round(random.NextDouble() * 20 - 10, 1),
                3 => -1e300 * random.NextDouble(),
                4 => 1e-300 * random.Next(3),
                _ => random.NextDouble(),
            };
        }

        double[] weights = Enumerable.Range(0, count).Select(i => i * 0.5).ToArray();
        int[] expected = Enumerable.Range(0, count).OrderBy(i => values[i] == 0 ? 0.0 : values[i]).ToArray();
        var sortedValues = new double[count];
        var sortedWeights = new double[count];
        var order = new int[count];

        StableRadixSort.Sort(values, weights, sortedValues, sortedWeights, order);

        Assert.Equal(expected, order);
        Assert.Equal(expected.Select(i => values[i] == 0 ? 0.0 : values[i]), sortedValues);
        Assert.Equal(expected.Select(i => weights[i]), sortedWeights);
    }

    [Fact]
    public void Sort_KeepsInputOrder_WhenAllValuesAreEqual()
    {
        var sortedValues = new double[5];
        var sortedWeights = new double[5];
        var order = new int[5];

        StableRadixSort.Sort([2.5, 2.5, 2.5, 2.5, 2.5], [5, 4, 3, 2, 1], sortedValues, sortedWeights, order);

        Assert.Equal([0, 1, 2, 3, 4], order);
        Assert.Equal([5.0, 4, 3, 2, 1], sortedWeights);
    }
}
