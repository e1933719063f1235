using System.Runtime.InteropServices;

namespace CallCenterSdk.Media.Tests.Transport;

/// <summary>
/// The process's open-file limit (RLIMIT_NOFILE): a test that opens thousands of sockets raises the soft limit up
/// to the hard one itself, as a media server's service unit would (LimitNOFILE), instead of depending on the shell.
/// </summary>
internal static partial class FileDescriptorLimit
{
    private const int RlimitNoFile = 7; // Linux, every architecture .NET runs on

    /// <summary>File descriptors open in this process now.</summary>
    public static int OpenNow() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    /// <summary>Raises the soft limit so that <paramref name="more"/> descriptors fit beside those open now; fails when the hard limit is too low.</summary>
    public static void EnsureRoomFor(int more)
    {
        if (getrlimit(RlimitNoFile, out var limit) != 0)
        {
            throw new InvalidOperationException($"getrlimit(RLIMIT_NOFILE) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        ulong needed = (ulong)(OpenNow() + more);
        if (limit.Current >= needed)
        {
            return;
        }

        if (limit.Maximum < needed)
        {
            throw new InvalidOperationException($"{needed} file descriptors are needed but the hard limit is {limit.Maximum}: raise it (ulimit -Hn, LimitNOFILE).");
        }

        var raised = new Rlimit { Current = needed, Maximum = limit.Maximum };
        if (setrlimit(RlimitNoFile, in raised) != 0)
        {
            throw new InvalidOperationException($"setrlimit(RLIMIT_NOFILE, {needed}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out Rlimit limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, in Rlimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
