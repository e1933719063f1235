using System.Runtime.InteropServices;

namespace CallCenterSdk.Media.Threading;

/// <summary>
/// The Linux nice value of the calling thread. <see cref="Thread.Priority"/> does nothing on Linux (the default
/// scheduler ignores static priorities), but nice values are per thread there and are what the scheduler weighs: a
/// thread at nice -10 gets about nine times the share of one at 0 when both want a core.
/// </summary>
public static partial class ThreadNice
{
    private const int PrioProcess = 0;

    /// <summary>The calling thread's kernel id (what /proc/self/task lists), or 0 where there is none to give.</summary>
    public static int CurrentThreadId()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        try
        {
            return gettid();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>Sets the calling thread's nice value; null when it was set, else why not.</summary>
    public static string? TrySetCurrent(int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "thread nice values are a Linux feature (Thread.Priority applies elsewhere)";
        }

        try
        {
            if (setpriority(PrioProcess, gettid(), nice) == 0)
            {
                return null;
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno is 1 or 13
                ? $"setting nice {nice} was not permitted (errno {errno}): a nice below the current one needs CAP_SYS_NICE or RLIMIT_NICE (systemd: AmbientCapabilities=CAP_SYS_NICE or LimitNICE=)"
                : $"setpriority(nice {nice}) failed with errno {errno}";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"setpriority is not available: {e.Message}";
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, int who, int prio);

    [LibraryImport("libc")]
    private static partial int gettid();
}
