using System.Runtime.ExceptionServices;

namespace HnlService.Infrastructure.Models;

/// <summary>
/// Packs the next round of a <see cref="FoldBatchPacker"/> on a dedicated low-priority thread while the
/// scoring thread runs the network on the current one. The round is cut into chunks of consecutive
/// output positions that the background thread claims one by one. <see cref="Finish"/> lets the scoring
/// thread claim the chunks left, so it waits for the background thread only to end the chunk in hand.
/// </summary>
/// <remarks>
/// Why a low priority: with ONNX Runtime's default of one intra-op thread per core, a packing thread at
/// normal priority takes cores from the operator threads, and every parallel operator then waits for
/// its slowest thread. At the lowest priority the packing runs in the gaps the operators leave (about a
/// sixth of two cores for the synthetic network). On the scoring benchmark (2-core VM, mean of four runs
/// of the median pair ratio) the ratio to the bare loop was 80% when packing before each Run, 85% when
/// packing in the background at normal priority, and 88% at the lowest priority.
/// NOTE: when other processes keep every core busy, a chunk the background thread has claimed may
/// finish late, and Finish waits for it. Chunks are kept short so that wait stays small; a thread that
/// could raise its priority back while Finish waits would remove it, but that needs a privilege.
/// </remarks>
internal sealed class BackgroundRoundPacker : IDisposable
{
    /// <summary>Output positions per chunk: an estimate of 30 microseconds of packing for 25 float features.</summary>
    public const int DefaultChunkPositions = 1024;

    private readonly FoldBatchPacker _packer;
    private readonly int _chunkPositions;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _roundQueued = new(0);
    private readonly ManualResetEventSlim _backgroundIdle = new(true);

    // The queued round. Written by Begin before _roundQueued is released and read by the background
    // thread after it has waited on it, so the semaphore orders the accesses.
    private int _slot;
    private int _round;
    private int _firstPosition;
    private int _endPosition;
    private int _chunkCount;
    private int _nextChunk;
    private ExceptionDispatchInfo? _failure;
    private volatile bool _disposed;

    public BackgroundRoundPacker(FoldBatchPacker packer, int chunkPositions = DefaultChunkPositions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkPositions, 1);

        _packer = packer;
        _chunkPositions = chunkPositions;
        _thread = new Thread(PackQueuedRounds) { IsBackground = true, Name = "HnlService round packer" };
        _thread.Start();
    }

    /// <summary>Starts packing the round into the slot in the background. Call <see cref="Finish"/> before the next Begin.</summary>
    public void Begin(int slot, int round)
    {
        (_firstPosition, _endPosition) = _packer.PositionRange(round);
        _slot = slot;
        _round = round;
        _chunkCount = (_endPosition - _firstPosition + _chunkPositions - 1) / _chunkPositions;
        _nextChunk = 0;
        _failure = null;

        if (_chunkCount > 0)
        {
            _backgroundIdle.Reset();
            _roundQueued.Release();
        }
    }

    /// <summary>Packs the chunks not claimed yet on the calling thread, then waits until the round is packed.</summary>
    public void Finish()
    {
        try
        {
            PackClaimedChunks();
        }
        catch
        {
            Abandon();
            throw;
        }

        _backgroundIdle.Wait();
        _failure?.Throw();
    }

    /// <summary>Leaves the unclaimed chunks unpacked and waits until the background thread writes nothing more.</summary>
    public void Abandon()
    {
        Volatile.Write(ref _nextChunk, int.MaxValue / 2);
        _backgroundIdle.Wait();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Abandon();
        _disposed = true;
        _roundQueued.Release();
        _thread.Join();
        _roundQueued.Dispose();
        _backgroundIdle.Dispose();
    }

    private void PackQueuedRounds()
    {
        // When the system rejects the change, the thread keeps normal priority, which is slower next to ONNX Runtime but correct.
        LowPriorityThread.TryLowerCurrent();

        while (true)
        {
            _roundQueued.Wait();
            if (_disposed)
            {
                return;
            }

            try
            {
                PackClaimedChunks();
            }
            catch (Exception exception)
            {
                _failure = ExceptionDispatchInfo.Capture(exception);
            }
            finally
            {
                _backgroundIdle.Set();
            }
        }
    }

    private void PackClaimedChunks()
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _nextChunk) - 1) < _chunkCount)
        {
            var start = _firstPosition + chunk * _chunkPositions;
            _packer.PackRange(_slot, _round, start, Math.Min(_endPosition, start + _chunkPositions));
        }
    }
}
