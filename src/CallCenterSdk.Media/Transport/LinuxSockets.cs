using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CallCenterSdk.Media.Transport;

/// <summary>
/// The Linux system calls under <see cref="MediaSocketPoller"/>: epoll, eventfd, and datagram reads and writes that
/// never block (MSG_DONTWAIT) on sockets .NET's own socket engine never sees.
/// </summary>
internal static unsafe partial class LinuxSockets
{
    public const int EpollIn = 0x001;
    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;
    public const int EpollCloexec = 0x80000;
    public const int EfdCloexec = 0x80000;
    public const int EfdNonblock = 0x800;
    public const int MsgTrunc = 0x20;
    public const int MsgDontwait = 0x40;

    public const int EPerm = 1;
    public const int EIntr = 4;
    public const int EBadf = 9;
    public const int EAgain = 11;
    public const int EAcces = 13;
    public const int EInval = 22;
    public const int EMFile = 24;
    public const int EAfNoSupport = 97;
    public const int EAddrNotAvail = 99;
    public const int EMsgSize = 90;
    public const int ENetUnreach = 101;
    public const int EConnRefused = 111;
    public const int EHostUnreach = 113;
    public const int ENoBufs = 105;

    /// <summary>
    /// struct epoll_event is packed on x86-64 (12 bytes: events at 0, data at 4) and naturally aligned elsewhere
    /// (16 bytes: data at 8).
    /// </summary>
    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 ? 12 : 16;

    private static readonly int DataOffset = EventSize == 12 ? 4 : 8;

    public static void WriteEvent(byte* at, uint events, ulong data)
    {
        *(uint*)at = events;
        Unsafe.WriteUnaligned(at + DataOffset, data);
    }

    public static ulong ReadData(byte* at) => Unsafe.ReadUnaligned<ulong>(at + DataOffset);

    /// <summary>Adds <paramref name="fd"/> to <paramref name="epoll"/> for input (level-triggered) with <paramref name="data"/> as its tag.</summary>
    public static int Add(int epoll, int fd, ulong data)
    {
        byte* ev = stackalloc byte[16];
        WriteEvent(ev, EpollIn, data);
        return epoll_ctl(epoll, EpollCtlAdd, fd, ev);
    }

    public static int Remove(int epoll, int fd)
    {
        byte* ev = stackalloc byte[16]; // ignored by DEL, but kernels before 2.6.9 wanted it non-null
        WriteEvent(ev, 0, 0);
        return epoll_ctl(epoll, EpollCtlDel, fd, ev);
    }

    /// <summary>The <see cref="SocketError"/> .NET uses for a Linux errno of a datagram send or receive.</summary>
    public static SocketError ToSocketError(int errno) => errno switch
    {
        EAgain => SocketError.WouldBlock,
        EBadf => SocketError.OperationAborted,
        EMsgSize => SocketError.MessageSize,
        ENetUnreach => SocketError.NetworkUnreachable,
        EHostUnreach => SocketError.HostUnreachable,
        EConnRefused => SocketError.ConnectionRefused,
        ENoBufs => SocketError.NoBufferSpaceAvailable,
        EIntr => SocketError.Interrupted,
        EPerm or EAcces => SocketError.AccessDenied,
        EInval => SocketError.InvalidArgument,
        EMFile => SocketError.TooManyOpenSockets,
        EAfNoSupport => SocketError.AddressFamilyNotSupported,
        EAddrNotAvail => SocketError.AddressNotAvailable,
        _ => SocketError.SocketError,
    };

    /// <summary>A <see cref="SocketException"/> for a failed call, naming the call and the kernel's own words for the errno.</summary>
    public static SocketException Failure(string call, int errno) =>
        new((int)ToSocketError(errno), $"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_ctl(int epfd, int op, int fd, byte* ev);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_wait(int epfd, byte* events, int maxevents, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int eventfd(uint initval, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    /// <summary>recvfrom(2) on a raw descriptor: the caller keeps the socket open for the call's duration.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recvfrom(int fd, byte* buffer, nint length, int flags, byte* address, uint* addressLength);

    /// <summary>sendto(2) through the socket's handle, so a concurrent close cannot hand the number to another socket mid-call.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial nint sendto(SafeSocketHandle fd, byte* buffer, nint length, int flags, byte* address, uint addressLength);
}
