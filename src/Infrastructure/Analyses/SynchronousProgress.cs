namespace HnlService.Infrastructure.Analyses;

/// <summary>
/// Calls the handler on the reporting thread. <see cref="Progress{T}"/> posts to the thread pool instead,
/// so its reports can arrive after the work has finished and out of order.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
