using System.Runtime.ExceptionServices;

namespace HnlService.Infrastructure.Models;

/// <summary>
/// Packs the rounds of a <see cref="FoldBatchPacker"/> into the two buffer slots of its members. While
/// the network reads one slot, the next round is packed into the other on a dedicated low-priority
/// thread, in chunks of consecutive output positions that the thread claims one by one. When the Run
/// ends, the scoring thread packs the chunks still unclaimed and waits briefly for the one in hand.
/// </summary>
/// <remarks>
/// Why a low priority: with ONNX Runtime's default of one intra-op thread per core, a packing thread at
/// normal priority takes cores from the operator threads, and every parallel operator then waits for
/// its slowest thread. At the lowest priority the packing runs in the gaps the operators leave (about a
/// sixth of two cores for the synthetic network). The scoring benchmark on a 2-core VM measured this (mean
/// of four runs of the median pair ratio). The ratio to the bare loop was 80% when packing before each
/// Run, 85% when packing in the background at normal priority, and 88% at the lowest priority.
/// That was SCHED_IDLE; nice 19 (see LowPriorityThread) measured the same.
/// The cost of a low priority: when other processes keep every core busy, the system runs the thread
/// rarely, even in the middle of a chunk. So the scoring thread waits at most
/// <see cref="DefaultChunkWait"/> for it, then packs the whole round itself into the slot the network has just
/// read, and leaves the other slot to the background thread until that thread is idle again.
/// </remarks>
internal sealed class BackgroundRoundPacker : IDisposable
{
    /// <summary>Output positions per chunk: an estimate of 30 microseconds of packing for 25 float features.</summary>
    public const int DefaultChunkPositions = 1024;

    /// <summary>An estimate: far longer than a chunk takes on an idle core, short next to a round's Run.</summary>
    public static readonly TimeSpan DefaultChunkWait = TimeSpan.FromMilliseconds(2);

    private readonly FoldBatchPacker _packer;
    private readonly int _chunkPositions;
    private readonly TimeSpan _chunkWait;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _roundQueued = new(0);
    private readonly ManualResetEventSlim _backgroundIdle = new(true);

    // The queued round. Written by BeginNext before _roundQueued is released and read by the background
    // thread after it has waited on it, so the semaphore orders the accesses.
    private int _slot;
    private int _round;
    private int _firstPosition;
    private int _endPosition;
    private int _chunkCount;
    private int _nextChunk;
    private ExceptionDispatchInfo? _failure;

    // Whether the round of BeginNext went to the background thread, and the slot that thread may still
    // write after a wait timed out (-1 when none). The scoring thread packs no round into that slot.
    private bool _inBackground;
    private int _busySlot = -1;
    private volatile bool _disposed;

    public BackgroundRoundPacker(FoldBatchPacker packer, TimeSpan chunkWait, int chunkPositions = DefaultChunkPositions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkPositions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkWait, TimeSpan.Zero);

        _packer = packer;
        _chunkWait = chunkWait;
        _chunkPositions = chunkPositions;
        _thread = new Thread(PackQueuedRounds) { IsBackground = true, Name = "HnlService round packer" };
        _thread.Start();
    }

    /// <summary>
    /// Waits until the background thread has left any chunk it was starved in. A new request rebinds
    /// the columns and regroups the rows the thread reads, so it must not start before that.
    /// </summary>
    public void WaitUntilIdle()
    {
        _backgroundIdle.Wait();
        _busySlot = -1;
    }

    /// <summary>
    /// Packs the first round of a request across all cores and returns its slot. After WaitUntilIdle no
    /// slot is busy, so the first round always takes slot 0.
    /// </summary>
    public int PackFirst(int round)
    {
        const int slot = 0;
        _packer.PackAcrossCores(slot, round);
        return slot;
    }

    /// <summary>
    /// Starts packing the round in the background into the slot other than readSlot, which the network
    /// is about to read. When the background thread is still busy, the round is left to <see cref="FinishNext"/>.
    /// </summary>
    public void BeginNext(int round, int readSlot)
    {
        ReleaseIdleSlot();
        _inBackground = _busySlot < 0;
        if (!_inBackground)
        {
            return;
        }

        (_firstPosition, _endPosition) = _packer.PositionRange(round);
        _slot = 1 - readSlot;
        _round = round;
        _chunkCount = (_endPosition - _firstPosition + _chunkPositions - 1) / _chunkPositions;
        _nextChunk = 0;
        _failure = null;
        _backgroundIdle.Reset();
        _roundQueued.Release();
    }

    /// <summary>
    /// Completes the round begun by <see cref="BeginNext"/> once the network has finished with readSlot,
    /// and returns the slot that contains it.
    /// </summary>
    public int FinishNext(int round, int readSlot)
    {
        if (_inBackground && FinishInBackground())
        {
            return _slot;
        }

        // The background thread is busy elsewhere or starved, so this thread packs the round into the slot just read.
        _packer.PackAcrossCores(readSlot, round);
        return readSlot;
    }

    /// <summary>Stops the background round after a failure; its slot stays unused until the background thread is idle.</summary>
    public void Abandon()
    {
        if (_inBackground)
        {
            _inBackground = false;
            StopBackground();
        }
    }

    /// <summary>
    /// Ends the background thread. A thread still inside a chunk finishes it first, writing only arrays it
    /// keeps alive itself, so the wait primitives are left to the garbage collector rather than disposed under it.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        Volatile.Write(ref _nextChunk, int.MaxValue / 2);
        _roundQueued.Release();
    }

    // Packs the chunks not claimed yet on this thread, then waits for the one the background thread may
    // have in hand. Returns false, with the slot marked busy, when that wait times out.
    private bool FinishInBackground()
    {
        _inBackground = false;
        try
        {
            PackClaimedChunks();
        }
        catch
        {
            StopBackground();
            throw;
        }

        if (!_backgroundIdle.Wait(_chunkWait))
        {
            _busySlot = _slot;
            return false;
        }

        _failure?.Throw();
        return true;
    }

    private void StopBackground()
    {
        Volatile.Write(ref _nextChunk, int.MaxValue / 2);
        if (!_backgroundIdle.Wait(_chunkWait))
        {
            _busySlot = _slot;
        }
    }

    private void ReleaseIdleSlot()
    {
        if (_busySlot >= 0 && _backgroundIdle.IsSet)
        {
            _busySlot = -1;
        }
    }

    private void PackQueuedRounds()
    {
        // When the system rejects the change, the thread keeps normal priority, which is slower next to ONNX Runtime but correct.
        try
        {
            LowPriorityThread.TryLowerCurrent();
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without sched_setscheduler (an unusual container image) leaves the priority as it is.
        }

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
