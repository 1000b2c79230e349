namespace HnlService.Infrastructure.Tests.Models;

/// <summary>
/// Small networks with known weights whose outputs are computed by hand in the tests.
/// The linear part is always z = 0.5 a - 0.25 b + 2 c + 0.1 over three features.
/// </summary>
internal static class TestModels
{
    public static readonly double[] Weights = [0.5, -0.25, 2.0];
    public const double Bias = 0.1;

    /// <summary>x [N, 3] -> Gemm -> z [N, 1] -> Sigmoid -> "probability" [N, 1].</summary>
    public static OnnxModelBuilder GemmSigmoid(int elementType = OnnxModelBuilder.Float) =>
        GemmSigmoidShaped("N", 3L, elementType);

    /// <summary>
    /// x [batch, width] -> Gemm -> Sigmoid -> "probability" [batch, 1]; a dimension is a long (fixed),
    /// a string (symbolic) or null (unknown).
    /// </summary>
    public static OnnxModelBuilder GemmSigmoidShaped(object? batch, object? width, int elementType = OnnxModelBuilder.Float) =>
        GemmBase(elementType, batch, width)
            .Node("Sigmoid", ["z"], ["probability"])
            .Output("probability", elementType, batch, 1L);

    /// <summary>x [batch, 3] -> Gemm -> "logit" [batch, 1], without a sigmoid.</summary>
    public static OnnxModelBuilder GemmLogit(int elementType = OnnxModelBuilder.Float) =>
        GemmBase(elementType, "N", 3L, output: "logit")
            .Output("logit", elementType, "N", 1L);

    /// <summary>x [batch, 3] -> Gemm with the given weights and bias -> "score" [batch, 1], read as a probability.</summary>
    public static OnnxModelBuilder Linear(double[] weights, double bias) =>
        new OnnxModelBuilder()
            .Input("x", OnnxModelBuilder.Float, "N", (long)weights.Length)
            .Initializer("w", OnnxModelBuilder.Float, [weights.Length, 1], weights)
            .Initializer("bias", OnnxModelBuilder.Float, [1], [bias])
            .Node("Gemm", ["x", "w", "bias"], ["score"])
            .Output("score", OnnxModelBuilder.Float, "N", 1L);

    /// <summary>Inputs "first" [N, 2] and "second" [N, 1], concatenated, then Gemm -> "logit" [N, 1].</summary>
    public static OnnxModelBuilder TwoInputs() =>
        new OnnxModelBuilder()
            .Input("first", OnnxModelBuilder.Float, "N", 2L)
            .Input("second", OnnxModelBuilder.Float, "N", 1L)
            .Node("Concat", ["first", "second"], ["x"], "", ("axis", 1L))
            .Initializer("w", OnnxModelBuilder.Float, [3, 1], Weights)
            .Initializer("bias", OnnxModelBuilder.Float, [1], [Bias])
            .Node("Gemm", ["x", "w", "bias"], ["logit"])
            .Output("logit", OnnxModelBuilder.Float, "N", 1L);

    /// <summary>Gemm -> Reshape to [N] -> Sigmoid -> "probability" [N].</summary>
    public static OnnxModelBuilder VectorOutput() =>
        GemmBase(OnnxModelBuilder.Float, "N", 3L)
            .Initializer("flat", OnnxModelBuilder.Int64, [1], [-1])
            .Node("Reshape", ["z", "flat"], ["z_flat"])
            .Node("Sigmoid", ["z_flat"], ["probability"])
            .Output("probability", OnnxModelBuilder.Float, "N");

    /// <summary>Gemm to [N, 2] with columns (-z, z) -> Softmax -> "probabilities"; column 1 is sigmoid(2z).</summary>
    public static OnnxModelBuilder TwoColumnOutput() =>
        new OnnxModelBuilder()
            .Input("x", OnnxModelBuilder.Float, "N", 3L)
            .Initializer("w", OnnxModelBuilder.Float, [3, 2], [-0.5, 0.5, 0.25, -0.25, -2.0, 2.0])
            .Initializer("bias", OnnxModelBuilder.Float, [2], [-Bias, Bias])
            .Node("Gemm", ["x", "w", "bias"], ["z"])
            .Node("Softmax", ["z"], ["probabilities"], "", ("axis", 1L))
            .Output("probabilities", OnnxModelBuilder.Float, "N", 2L);

    /// <summary>Parametric model over (a, mass): "logit" = a + 0.01 mass - 1.</summary>
    public static OnnxModelBuilder Parametric() =>
        new OnnxModelBuilder()
            .Input("x", OnnxModelBuilder.Float, "N", 2L)
            .Initializer("w", OnnxModelBuilder.Float, [2, 1], [1.0, 0.01])
            .Initializer("bias", OnnxModelBuilder.Float, [1], [-1.0])
            .Node("Gemm", ["x", "w", "bias"], ["logit"])
            .Output("logit", OnnxModelBuilder.Float, "N", 1L);

    private static OnnxModelBuilder GemmBase(int elementType, object? batch, object? width, string output = "z") =>
        new OnnxModelBuilder()
            .Input("x", elementType, batch, width)
            .Initializer("w", elementType, [3, 1], Weights)
            .Initializer("bias", elementType, [1], [Bias])
            .Node("Gemm", ["x", "w", "bias"], [output]);
}
