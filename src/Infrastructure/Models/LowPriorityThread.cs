using System.Runtime.InteropServices;

namespace HnlService.Infrastructure.Models;

/// <summary>
/// Lowers the calling thread's scheduling priority so that it mostly runs on cores other threads leave
/// idle. On Linux the thread gets nice 19, which Thread.Priority cannot set; elsewhere
/// ThreadPriority.Lowest is used.
/// </summary>
/// <remarks>
/// Why nice 19 and not SCHED_IDLE: both measured the same on the scoring benchmark. But a SCHED_IDLE
/// thread can go unscheduled for seconds on a busy machine, and a garbage collection waits until every
/// managed thread, this one included, reaches a safe point. At nice 19 the thread still gets a small
/// share of a busy core, which bounds that wait.
/// </remarks>
internal static partial class LowPriorityThread
{
    private const int PriorityProcess = 0;
    private const int LowestNice = 19;

    /// <summary>Returns false when the system rejected the change; the thread then keeps its priority.</summary>
    public static bool TryLowerCurrent()
    {
        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = ThreadPriority.Lowest;
            return true;
        }

        // On Linux the nice value belongs to each thread (setpriority(2)), so naming the thread id lowers
        // this thread alone. Raising the nice value needs no privilege.
        return SetPriority(PriorityProcess, GetThreadId(), LowestNice) == 0;
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
