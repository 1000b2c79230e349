using Microsoft.ML.OnnxRuntime;

namespace HnlService.Infrastructure.Models;

/// <summary>Session settings for scoring, shared by <see cref="ModelScorer"/> and the benchmark's baseline.</summary>
internal static class OnnxSessionFactory
{
    /// <summary>
    /// Creates options for a feed-forward network: full graph optimization, sequential execution and one
    /// inter-op thread, because such graphs have no parallel branches. Intra-op threads parallelize each operator.
    /// </summary>
    public static SessionOptions CreateOptions(int intraOpThreads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);

        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            InterOpNumThreads = 1,
        };

        // 0 keeps ONNX Runtime's default of one intra-op thread per physical core.
        if (intraOpThreads > 0)
        {
            options.IntraOpNumThreads = intraOpThreads;
        }

        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");

        return options;
    }
}
