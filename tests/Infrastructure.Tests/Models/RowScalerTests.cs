using System.Numerics;
using HnlService.Infrastructure.Models;

namespace HnlService.Infrastructure.Tests.Models;

/// <summary>
/// The vector scaler against the scalar formula (x - mean) / scale written out in the test, which is
/// what a Sub and Div in an ONNX graph compute. Division is correctly rounded in both, so they must
/// agree bit for bit, including the rows past the last whole vector.
/// </summary>
public sealed class RowScalerTests
{
    public static TheoryData<int, int> Shapes => new()
    {
        { 1, 1 },
        { 3, 5 },
        { 25, 64 },
        { 25, 67 },
        { 7, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Apply_EqualsScalarFormula_WhenFloat(int width, int rows)
    {
        var (mean, scale) = Scaler(width);
        var random = new Random(width * 1000 + rows);
        var values = Enumerable.Range(0, width * rows).Select(_ => (float)(random.NextDouble() * 2000 - 1000)).ToArray();
        var expected = values.Select((x, i) => (x - (float)mean[i % width]) / (float)scale[i % width]).ToArray();

        new RowScaler<float>(mean, scale).Apply(values);

        Assert.Equal(expected, values);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Apply_EqualsScalarFormula_WhenDouble(int width, int rows)
    {
        var (mean, scale) = Scaler(width);
        var random = new Random(width * 1000 + rows);
        var values = Enumerable.Range(0, width * rows).Select(_ => random.NextDouble() * 2000 - 1000).ToArray();
        var expected = values.Select((x, i) => (x - mean[i % width]) / scale[i % width]).ToArray();

        new RowScaler<double>(mean, scale).Apply(values);

        Assert.Equal(expected, values);
    }

    [Fact]
    public void Apply_ScalesOnlySpanRows()
    {
        // Rows 1 and 2 of a width-3 buffer: the feature of each value follows from the span's start.
        float[] buffer = [9, 9, 9, 3, 8, 1, 5, 4, 0, 9, 9, 9];

        new RowScaler<float>([1, 0, -1], [2, 4, 0.5]).Apply(buffer.AsSpan(3, 6));

        Assert.Equal([9f, 9f, 9f, 1f, 2f, 4f, 2f, 1f, 2f, 9f, 9f, 9f], buffer);
    }

    [Fact]
    public void Apply_Throws_WhenPartialRow()
    {
        var scaler = new RowScaler<float>([0, 0, 0], [1, 1, 1]);

        var error = Assert.Throws<ArgumentException>(() => scaler.Apply(new float[Vector<float>.Count * 3 + 1]));

        Assert.Equal("rows", error.ParamName);
    }

    // Scales other than powers of two, so the division rounds and a multiplication by 1/scale could differ.
    private static (double[] Mean, double[] Scale) Scaler(int width) =>
        (Enumerable.Range(0, width).Select(f => 0.37 * f - 3.1).ToArray(),
         Enumerable.Range(0, width).Select(f => 0.3 + 1.7 * f).ToArray());
}
