using HnlService.Domain.Analysis;

namespace HnlService.Domain.Tests.Analysis;

public sealed class ReferenceSquareTests
{
    [Fact]
    public void Of_EqualsPow_ForRandomWeights()
    {
        // Math.Pow calls the C library's pow, which the Python reference uses for w ** 2;
        // about one value in a thousand differs from w * w in the last bit.
        var random = new Random(7);
        int differFromProduct = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            double w = (random.NextDouble() * 2 - 0.1) * Math.Pow(10, random.Next(-5, 6));
            double expected = Math.Pow(w, 2);

            double actual = ReferenceSquare.Of(w);

            Assert.True(expected == actual, $"w = {w:R}: {actual:R}, pow gives {expected:R}");
            differFromProduct += expected != w * w ? 1 : 0;
        }

        Assert.True(differFromProduct > 0, "no value exercised the pow fallback");
    }
}
