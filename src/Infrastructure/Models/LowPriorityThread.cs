using System.Runtime.InteropServices;

namespace HnlService.Infrastructure.Models;

/// <summary>
/// Lowers the calling thread's scheduling priority so that it runs only on cores other threads leave
/// idle. On Linux the thread moves to SCHED_IDLE, which Thread.Priority cannot express; elsewhere
/// ThreadPriority.Lowest is used.
/// </summary>
internal static partial class LowPriorityThread
{
    private const int SchedIdle = 5;

    /// <summary>Returns false when the system refused the change; the thread then keeps its priority.</summary>
    public static bool TryLowerCurrent()
    {
        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = ThreadPriority.Lowest;
            return true;
        }

        // Pid 0 is the calling thread. By sched(7) an unprivileged thread may switch to a non-real-time
        // policy such as SCHED_IDLE, but a container's seccomp profile may still forbid the call.
        var parameters = new SchedParam { Priority = 0 };
        return SetScheduler(0, SchedIdle, ref parameters) == 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    [LibraryImport("libc", EntryPoint = "sched_setscheduler")]
    private static partial int SetScheduler(int pid, int policy, ref SchedParam parameters);
}
