using System.ComponentModel.DataAnnotations;
using HnlService.Infrastructure.Models;

namespace HnlService.Infrastructure.Hosting;

/// <summary>
/// Configuration section "Scoring": how workers feed ONNX Runtime. Each Hangfire worker thread scores
/// with its own sessions, so a machine running several analyses at once may want fewer intra-op threads.
/// </summary>
public sealed class ScoringSettings
{
    /// <summary>Rows per ONNX Runtime call; a model exported with a fixed batch dimension uses that instead.</summary>
    // The upper bound keeps a batch buffer (rows times features) well inside an array's int length.
    [Range(1, 1_048_576, ErrorMessage = "Scoring:BatchSize must be between {1} and {2} rows.")]
    public int BatchSize { get; set; } = new ScoringOptions().BatchSize;

    /// <summary>Intra-op threads per session; 0 keeps ONNX Runtime's default of one per physical core.</summary>
    [Range(0, 1024, ErrorMessage = "Scoring:IntraOpThreads must be between {1} and {2}; 0 lets ONNX Runtime choose.")]
    public int IntraOpThreads { get; set; } = new ScoringOptions().IntraOpThreads;

    public ScoringOptions ToScoringOptions() => new(BatchSize, IntraOpThreads);
}
