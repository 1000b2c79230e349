namespace HnlService.Infrastructure.Tests.Models;

/// <summary>Records progress reports synchronously, unlike Progress&lt;T&gt;, and can act on each one.</summary>
internal sealed class RecordingProgress(Action<long>? onReport = null) : IProgress<long>
{
    public List<long> Values { get; } = [];

    public void Report(long value)
    {
        Values.Add(value);
        onReport?.Invoke(value);
    }
}
