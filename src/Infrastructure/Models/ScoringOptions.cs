namespace HnlService.Infrastructure.Models;

/// <summary>
/// Batch size and ONNX Runtime threading. BatchSize is the number of rows per Run call (a model
/// exported with a fixed batch dimension uses that size instead). IntraOpThreads 0 lets ONNX Runtime
/// choose, which is one thread per physical core.
/// </summary>
public sealed record ScoringOptions(int BatchSize = 65_536, int IntraOpThreads = 0);
