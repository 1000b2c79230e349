using System.Runtime.InteropServices;

namespace HnlService.Benchmarks.Domain;

/// <summary>
/// CPU time consumed by the calling thread (Linux clock_gettime with CLOCK_THREAD_CPUTIME_ID).
/// On a machine shared with other busy processes, wall-clock time includes waiting for a core;
/// thread CPU time does not, so both are reported.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>Returns the calling thread's CPU time in milliseconds, or NaN where the clock is unavailable.</summary>
    public static double NowMilliseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        return ClockGetTime(ClockThreadCpuTimeId, out TimeSpec time) == 0
            ? time.Seconds * 1e3 + time.Nanoseconds / 1e6
            : double.NaN;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);
}
