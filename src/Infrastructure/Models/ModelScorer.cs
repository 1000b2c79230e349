namespace HnlService.Infrastructure.Models;

/// <summary>Scores rows with a model or model set; one InferenceSession per member, reused across calls.</summary>
public sealed class ModelScorer : IDisposable
{
    public ModelScorer(ValidatedModel model, ScoringOptions options)
    {
        throw new NotImplementedException();
    }

    /// <summary>Returns signal scores aligned with the requested rows; progress reports rows scored.</summary>
    public float[] Score(ScoringRequest request, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        throw new NotImplementedException();
    }

    public void Dispose()
    {
    }
}

/// <summary>Batch size and ONNX Runtime threading.</summary>
public sealed record ScoringOptions(int BatchSize = 65_536, int IntraOpThreads = 0);
