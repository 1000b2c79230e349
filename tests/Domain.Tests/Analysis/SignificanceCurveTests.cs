using HnlService.Domain.Analysis;

namespace HnlService.Domain.Tests.Analysis;

public sealed class SignificanceCurveTests
{
    [Fact]
    public void AreaUnderCurve_SortsMassesAndSkipsNulls_WhenPointsAreUnordered()
    {
        // Points (100, 1), (300, 2), (400, 4): 200 * 1.5 + 100 * 3 = 600.
        double area = SignificanceCurve.AreaUnderCurve([300, 100, 200, 400], [2, 1, null, 4]);

        Assert.Equal(600.0, area, 1e-12);
    }

    [Fact]
    public void AreaUnderCurve_ReturnsZero_WhenFewerThanTwoPoints()
    {
        double area = SignificanceCurve.AreaUnderCurve([100, 200], [5, null]);

        Assert.Equal(0.0, area);
    }

    [Fact]
    public void AreaUnderCurve_ThrowsNamingValues_WhenCountsDiffer()
    {
        var error = Assert.Throws<ArgumentException>(() => SignificanceCurve.AreaUnderCurve([100, 200], [1]));

        Assert.Equal("values", error.ParamName);
    }
}
